/**
 * The native menu's commands, run by the page: main sends the command's id on `menu.command`, and
 * the page runs the same handler as the command's keys.
 */
import type { CommandId } from '@shared/commands'
import { subscribe } from '../api/client'

/** Runs each command the menu sends with `run`; returns the stop function. */
export function followMenuCommands(run: (id: CommandId) => unknown): () => void {
  return subscribe('menu.command', ({ id }) => void run(id))
}
