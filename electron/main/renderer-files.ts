/**
 * Which file of the built renderer a request path names, for both shells that serve the page: the
 * web host over HTTP and the Electron app over its `app://` protocol. App routes that are no file
 * fall back to index.html; nothing outside the renderer folder is ever named.
 */
import { stat } from 'node:fs/promises'
import path from 'node:path'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/** A path whose percent-encoding does not decode: the client's mistake, answered 400. */
export class MalformedPath extends Error {
  constructor(pathname: string) {
    super(`The address ${JSON.stringify(pathname.slice(0, 200))} is not validly encoded.`)
    this.name = 'MalformedPath'
  }
}

/** `decodeURIComponent` that throws `MalformedPath` instead of a URIError. */
export function decodePathPart(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    throw new MalformedPath(text)
  }
}

export interface RendererFile {
  file: string
  contentType: string
  /** The HTML page is never cached (a new build must show at once); assets for an hour. */
  cacheControl: string
}

/**
 * The file `pathname` names under `rendererDir` (index.html for app routes), or null when it
 * would lie outside the folder. Throws `MalformedPath` for broken percent-encoding.
 */
export async function resolveRendererFile(
  rendererDir: string,
  pathname: string,
): Promise<RendererFile | null> {
  const root = path.resolve(rendererDir)
  const relative = path.normalize(decodePathPart(pathname)).replace(/^([/\\])+/, '')
  let file = path.join(root, relative)
  if (!file.startsWith(root + path.sep) && file !== root) return null
  const found = await stat(file).catch(() => null)
  if (!found || found.isDirectory()) file = path.join(root, 'index.html')
  const contentType = contentTypes[path.extname(file)] ?? 'application/octet-stream'
  return {
    file,
    contentType,
    cacheControl: contentType.startsWith('text/html') ? 'no-store' : 'max-age=3600',
  }
}
