/** Keyboard helpers of the freights screen. */
import { isMac } from '../../app/commands'

/** Whether the platform's command key (Cmd on macOS, Ctrl elsewhere) is held. */
export function hasModKey(event: { ctrlKey: boolean; metaKey: boolean }): boolean {
  return isMac ? event.metaKey : event.ctrlKey
}
