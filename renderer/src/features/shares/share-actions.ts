/** What every share view does with a link: copy it (main writes the clipboard), open it, time it. */
import { useEffect, useState } from 'react'
import { call, errorMessage } from '../../api/client'
import { useToasts } from '../../app/toast-store'

/** Copies a link of the history (`shareId`) or any shown link (`url`); a short toast confirms. */
export async function copyLink(input: { shareId: string } | { url: string }): Promise<boolean> {
  const toast = useToasts.getState().show
  try {
    const result = await call('shares.copy', input)
    if (!result.copied) {
      toast({
        level: 'warning',
        message: 'This window has no clipboard. Select the link and copy it.',
      })
      return false
    }
    toast({ level: 'info', message: 'Link copied to the clipboard.' }, 2500)
    return true
  } catch (error) {
    toast({ level: 'error', message: `The link was not copied: ${errorMessage(error)}` })
    return false
  }
}

/** Opens a link in the system browser (desktop) or a new tab (browser preview). */
export async function openLink(url: string): Promise<void> {
  try {
    const { opened, declined } = await call('app.openExternal', { url })
    // The browser preview opens it itself; a link the dispatcher declined opens nowhere.
    if (!opened && !declined) window.open(url, '_blank', 'noopener,noreferrer')
  } catch (error) {
    useToasts
      .getState()
      .show({ level: 'error', message: `The link could not be opened: ${errorMessage(error)}` })
  }
}

/** The current time, ticking every `intervalMs` (for live countdowns). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}

/** "in 7 h 59 min", "in 42 s", "expired 3 min ago". */
export function countdown(expiresAt: string, now: number): string {
  const left = Date.parse(expiresAt) - now
  const text = duration(Math.abs(left))
  return left > 0 ? `in ${text}` : `expired ${text} ago`
}

/** A duration in its two largest units: 2 d 3 h, 7 h 59 min, 4 min 10 s, 42 s. */
export function duration(ms: number): string {
  const seconds = Math.floor(ms / 1000)
  const days = Math.floor(seconds / 86_400)
  const hours = Math.floor((seconds % 86_400) / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = seconds % 60
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`
  if (minutes > 0) return rest > 0 ? `${minutes} min ${rest} s` : `${minutes} min`
  return `${rest} s`
}

/** The value of a `datetime-local` input for an instant, in this computer's time zone. */
export function toLocalInput(instant: number): string {
  const date = new Date(instant)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** The UTC instant of a `datetime-local` value (this computer's time zone), or null. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date.toISOString()
}

export const stateLabels = { active: 'Active', expired: 'Expired', revoked: 'Revoked' } as const
