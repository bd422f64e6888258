/**
 * The composition root: builds every service and the router from plain options. Both shells (the
 * Electron app and the web host) call `createCore`; nothing here imports Electron.
 */
import type { AppInfo } from '@shared/contract'
import { appMeta } from './app-meta'
import { createEventHub } from './ipc/events'
import { createHandlers } from './ipc/handlers'
import { createRouter, type Router } from './ipc/router'
import type { Logger } from './log'
import { createAppInfoService, type AppInfoService } from './services/app-info'

export interface CoreOptions {
  /** The folder that holds the cache and every other local file. */
  dataDir: string
  shell: AppInfo['shell']
  platform: AppInfo['platform']
  /** Check handler outputs and event payloads against the contract (development and tests). */
  validateContracts: boolean
  log: Logger
}

export interface Services {
  appInfo: AppInfoService
}

export interface Core {
  router: Router
  services: Services
  /** Stops timers and closes files; safe to call twice. */
  dispose(): Promise<void>
}

export function createCore(options: CoreOptions): Core {
  const events = createEventHub({ validate: options.validateContracts, log: options.log })
  const services: Services = {
    appInfo: createAppInfoService({
      name: appMeta.name,
      version: appMeta.version,
      dataDir: options.dataDir,
      platform: options.platform,
      shell: options.shell,
    }),
  }
  const router = createRouter(createHandlers(services), events, {
    validateOutput: options.validateContracts,
    log: options.log,
  })
  /** Closers of everything the core opened, run in reverse order of opening. */
  const closers: Array<() => void | Promise<void>> = []
  let disposed = false
  return {
    router,
    services,
    async dispose() {
      if (disposed) return
      disposed = true
      for (const close of closers.reverse()) await close()
    },
  }
}

/** Maps Node's `process.platform` onto the platforms the contract knows. */
export function contractPlatform(platform: NodeJS.Platform): AppInfo['platform'] {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux'
}
