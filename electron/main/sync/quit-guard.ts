/**
 * Quitting with changes still in the outbox asks first. The shell calls `beforeQuit()` from
 * Electron's `before-quit`; when it answers true the shell prevents the quit, and the guard asks
 * through the `ask` port (a native dialog in the app) and quits itself if the dispatcher agrees.
 */
export interface QuitQuestion {
  title: string
  message: string
  detail: string
  /** Button labels; the first quits, the second stays. */
  buttons: [quit: string, stay: string]
}

export interface QuitGuardOptions {
  /** Changes waiting in the outbox right now. */
  counts: () => { pending: number; failed: number }
  /** Asks the dispatcher; resolves true to quit anyway. */
  ask: (question: QuitQuestion) => Promise<boolean>
  /** Quits for real (the guard lets that quit through). */
  quit: () => void
}

export interface QuitGuard {
  /** True when the quit must be stopped now (the guard is asking, or about to). */
  beforeQuit(): boolean
}

export function createQuitGuard(options: QuitGuardOptions): QuitGuard {
  let confirmed = false
  let asking = false
  return {
    beforeQuit() {
      if (confirmed) return false
      const { pending, failed } = options.counts()
      if (pending + failed === 0) return false
      if (!asking) {
        asking = true
        void options
          .ask(quitQuestion(pending, failed))
          .catch(() => false)
          .then((quit) => {
            asking = false
            if (!quit) return
            confirmed = true
            options.quit()
          })
      }
      return true
    },
  }
}

/** The question for `pending` waiting and `failed` refused changes. */
export function quitQuestion(pending: number, failed: number): QuitQuestion {
  const total = pending + failed
  const changes = total === 1 ? '1 change has' : `${total} changes have`
  const parts: string[] = []
  if (pending > 0) parts.push(`${pending} waiting for the provider to be reachable`)
  if (failed > 0) parts.push(`${failed} refused by the provider`)
  return {
    title: 'Quit Freightdesk?',
    message: `${changes} not been sent to the provider yet.`,
    detail:
      `${parts.join(', ')}. They stay in the outbox and are sent the next time Freightdesk ` +
      'runs and the provider answers. Stay to review them in the outbox.',
    buttons: ['Quit anyway', 'Stay'],
  }
}
