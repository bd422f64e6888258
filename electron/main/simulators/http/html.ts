/**
 * Minimal HTML for the simulators' pages (share pages, the OAuth consent page, document
 * previews): escaped text, one small stylesheet, no scripts.
 */
import { htmlReply, type Reply } from './router'

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character] ?? character)
}

const style = `
  body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 52rem; color: #1d2433; padding: 0 1rem; }
  h1 { font-size: 1.4rem; } table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid #d6dbe4; vertical-align: top; }
  .muted { color: #5b6475; } .error { color: #a3222b; } label { display: block; margin: .6rem 0; }
  input { font: inherit; padding: .3rem; } button { font: inherit; padding: .35rem .9rem; margin-right: .5rem; }
  object { width: 100%; height: 70vh; border: 1px solid #d6dbe4; }`

/**
 * A whole page as a reply. `bodyHtml` must already be escaped. No scripts may run; `frame-src` and
 * `object-src` allow the simulator's own PDFs inline.
 */
export function pageReply(status: number, title: string, bodyHtml: string): Reply {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${style}</style></head>
<body>${bodyHtml}</body></html>`
  return htmlReply(status, html, {
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; object-src 'self'; frame-src 'self'; base-uri 'none'",
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  })
}
