/** What every share view does with a link: copy it (main writes the clipboard), open it, time it. */
import { useEffect, useState } from 'react'
import { call, errorMessage } from '../../api/client'
import { useToasts } from '../../app/toast-store'

/**
 * Copies a link of the history (`shareId`) or any shown link (`url`); a short toast confirms
 * (`confirmation` replaces its wording).
 */
export async function copyLink(
  input: { shareId: string } | { url: string },
  confirmation = 'Link copied to the clipboard.',
): Promise<boolean> {
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
    toast({ level: 'info', message: confirmation }, 4000)
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

export const stateLabels = { active: 'Active', expired: 'Expired', revoked: 'Revoked' } as const

/** The state a link has now (it may have expired since it was read). */
export function liveState(
  link: { revokedAt?: string | null; state?: string; expiresAt: string },
  now: number,
): keyof typeof stateLabels {
  if (link.state === 'revoked' || link.revokedAt) return 'revoked'
  return Date.parse(link.expiresAt) <= now ? 'expired' : 'active'
}

export const stateTones = { active: 'success', expired: 'muted', revoked: 'danger' } as const
