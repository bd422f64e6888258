import path from 'node:path'
import { staleBuildReason } from '../../build/source-stamp'

export const projectRoot = path.resolve(__dirname, '../..')

/** A path inside the build (`out/`), after checking that the build matches today's sources. */
export function builtFile(relative: string): string {
  const reason = staleBuildReason(projectRoot)
  if (reason) throw new Error(`${reason} (npm test builds first.)`)
  return path.join(projectRoot, 'out', relative)
}
