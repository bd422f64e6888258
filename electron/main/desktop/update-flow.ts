/**
 * When the desktop app updates itself, decided without Electron: whether updates are on for this
 * build, when to ask the dispatcher, and whether a quit may install. `adapters/updater.ts` is the
 * thin wiring to electron-updater that follows these decisions.
 *
 * The feed is fixed when the installers are built (electron-builder writes it into the app as
 * `app-update.yml`); the app checks at start and once a day, downloads in the background, asks once
 * per version, and installs at the next quit only if the dispatcher agreed and the outbox is empty:
 * an installer that replaced the app before queued changes were sent would leave them to a version
 * the dispatcher has not opened yet.
 */
import type { OutboxCounts } from './outbox-badge'

export interface UpdateBuild {
  /** An installed app (false for `npm run dev` and `npm start`). */
  packaged: boolean
  /** Started straight into sample data (`--sample-data`). */
  sampleData: boolean
  /** electron-builder wrote an update feed into this build. */
  feedConfigured: boolean
  platform: NodeJS.Platform
}

export type UpdateSetup = { on: true } | { on: false; reason: string }

export function updateSetup(build: UpdateBuild): UpdateSetup {
  if (!build.packaged) return { on: false, reason: 'a development build is never updated' }
  if (build.sampleData) return { on: false, reason: 'a sample-data run is never updated' }
  if (build.platform !== 'win32' && build.platform !== 'darwin') {
    return { on: false, reason: 'updates come with the Windows and macOS installers only' }
  }
  if (!build.feedConfigured) {
    return { on: false, reason: 'this build was made without an update feed' }
  }
  return { on: true }
}

/** Checked at start, then once a day. */
export const updateCheckIntervalMs = 24 * 60 * 60 * 1000

export interface UpdateQuestion {
  title: string
  message: string
  detail: string
  /** The first installs at the next quit, the second (the default) waits. */
  buttons: [install: string, later: string]
}

export type QuitDecision =
  | { install: true; version: string }
  | { install: false; reason: 'no update' | 'not agreed' | 'outbox not empty' | 'installing' }

export interface UpdateFlow {
  /** An update finished downloading: the question to ask, or null if this version was asked. */
  downloaded(version: string): UpdateQuestion | null
  /** The dispatcher's answer to the question for `version`. */
  answered(version: string, install: boolean): void
  /** Whether this quit installs the update. After an install decision every later quit passes. */
  atQuit(outbox: OutboxCounts): QuitDecision
}

export function createUpdateFlow(appName: string): UpdateFlow {
  let ready: string | null = null
  let agreed: string | null = null
  let installing = false
  const asked = new Set<string>()
  return {
    downloaded(version) {
      ready = version
      if (asked.has(version)) return null
      asked.add(version)
      return updateQuestion(appName, version)
    },
    answered(version, install) {
      if (install) agreed = version
      else if (agreed === version) agreed = null
    },
    atQuit({ pending, failed }) {
      if (installing) return { install: false, reason: 'installing' }
      if (ready === null) return { install: false, reason: 'no update' }
      if (agreed !== ready) return { install: false, reason: 'not agreed' }
      if (pending + failed > 0) return { install: false, reason: 'outbox not empty' }
      installing = true
      return { install: true, version: ready }
    },
  }
}

export function updateQuestion(appName: string, version: string): UpdateQuestion {
  return {
    title: `${appName} update`,
    message: `${appName} ${version} is ready to install.`,
    detail:
      `Install it the next time you quit ${appName}? Nothing changes until then. ` +
      'If changes are still waiting in the outbox when you quit, the update waits for a later quit.',
    buttons: ['Install when I quit', 'Not now'],
  }
}
