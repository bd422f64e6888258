/**
 * electron-updater, wired to the decisions of `desktop/update-flow.ts`: it checks at start and
 * daily, downloads in the background, and installs only when the flow says a quit may.
 */
import type { OutboxCounts } from '../desktop/outbox-badge'
import { updateCheckIntervalMs, type UpdateFlow, type UpdateQuestion } from '../desktop/update-flow'
import { describeError, type Logger } from '../log'

export interface Updater {
  /** Called on every quit: true when the update installs now and quits the app itself. */
  installInsteadOfQuit(outbox: OutboxCounts): boolean
  stop(): void
}

export async function startUpdater(options: {
  flow: UpdateFlow
  ask: (question: UpdateQuestion) => Promise<boolean>
  log: Logger
}): Promise<Updater> {
  const { flow, ask, log } = options
  // Loaded only where updates are on: development and sample-data runs never touch it.
  const { autoUpdater } = await import('electron-updater')
  autoUpdater.autoDownload = true
  // The flow decides each quit; electron-updater must not install on its own.
  autoUpdater.autoInstallOnAppQuit = false
  autoUpdater.autoRunAppAfterInstall = false
  autoUpdater.logger = {
    info: (message?: unknown) => log.info(`updater: ${String(message)}`),
    warn: (message?: unknown) => log.warn(`updater: ${String(message)}`),
    error: (message?: unknown) => log.warn(`updater: ${String(message)}`),
  }
  autoUpdater.on('update-downloaded', (info) => {
    const question = flow.downloaded(info.version)
    if (!question) return
    void ask(question)
      .catch(() => false)
      .then((install) => flow.answered(info.version, install))
  })
  const check = () => {
    autoUpdater.checkForUpdates().catch((error: unknown) => {
      // Offline or the feed unreachable: the next daily check tries again.
      log.warn('update check failed', { reason: describeError(error) })
    })
  }
  check()
  const timer = setInterval(check, updateCheckIntervalMs)
  return {
    installInsteadOfQuit(outbox) {
      const decision = flow.atQuit(outbox)
      if (!decision.install) {
        if (decision.reason !== 'no update' && decision.reason !== 'installing') {
          log.info('update not installed at this quit', { reason: decision.reason })
        }
        return false
      }
      log.info('installing the update while quitting', { version: decision.version })
      clearInterval(timer)
      // Silent, and Freightdesk is not started again: the dispatcher quit.
      autoUpdater.quitAndInstall(true, false)
      return true
    },
    stop: () => clearInterval(timer),
  }
}
