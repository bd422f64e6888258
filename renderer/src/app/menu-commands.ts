/**
 * The native menu's commands, run by the page: main sends the command's id on `menu.command`, and
 * the page runs the same handler as the command's keys.
 */
import type { CommandId } from '@shared/commands'
import { subscribe } from '../api/client'
import { useNavigation } from './navigation-store'

/** Runs each command the menu sends with `run`; returns the stop function. */
export function followMenuCommands(run: (id: CommandId) => unknown): () => void {
  return subscribe('menu.command', ({ id }) => void run(id))
}

/** The commands whose handlers this page already has: the screens, and Settings (accounts). */
export function runScreenCommand(id: CommandId): boolean {
  const { go } = useNavigation.getState()
  const screens: Partial<Record<CommandId, () => void>> = {
    'go.freights': () => go('freights'),
    'go.shares': () => go('shares'),
    'go.accounts': () => go('accounts'),
    'go.documents': () => go('documents'),
    'app.settings': () => go('accounts'),
  }
  const handler = screens[id]
  handler?.()
  return handler !== undefined
}
