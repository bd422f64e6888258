/**
 * Runs the commands of `shared/commands.ts` from the keyboard. Parts of the window register what
 * a command does while they are on screen (`useCommand`); one key listener for the whole window
 * finds the command a key press gives and runs its newest handler.
 */
import { useEffect, useRef } from 'react'
import { commands, matchesAccelerator, type CommandId } from '@shared/commands'

export const isMac = navigator.userAgent.includes('Mac')

type Handler = () => void
const handlers = new Map<CommandId, Handler[]>()

/** Registers what `id` does while the calling component is mounted (the newest wins). */
export function useCommand(id: CommandId, handler: Handler, enabled = true): void {
  const latest = useRef(handler)
  useEffect(() => {
    latest.current = handler
  })
  useEffect(() => {
    if (!enabled) return
    const run: Handler = () => latest.current()
    const list = handlers.get(id) ?? []
    handlers.set(id, [...list, run])
    return () => {
      handlers.set(
        id,
        (handlers.get(id) ?? []).filter((each) => each !== run),
      )
    }
  }, [id, enabled])
}

/** Runs `id` if something on screen handles it; says whether it ran. */
export function runCommand(id: CommandId): boolean {
  const list = handlers.get(id)
  const handler = list?.[list.length - 1]
  if (!handler) return false
  handler()
  return true
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  return (
    target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(target.type)
  )
}

const globalCommands = commands.filter((each) => each.scope === 'global')

/** Listens for the global commands' keys; returns the stop function. Started once, by the app. */
export function startCommandKeys(): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (event.defaultPrevented || event.repeat) return
    // A modal dialog owns the keyboard until it closes.
    if (document.querySelector('dialog[open]')) return
    for (const each of globalCommands) {
      const key = each.keys.find((accelerator) => matchesAccelerator(event, accelerator, isMac))
      if (!key) continue
      // A plain character is typing when a field has the focus.
      if (key.length === 1 && isTyping(event.target)) return
      if (runCommand(each.id)) event.preventDefault()
      return
    }
  }
  window.addEventListener('keydown', onKey)
  return () => window.removeEventListener('keydown', onKey)
}
