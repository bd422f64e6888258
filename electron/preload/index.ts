/**
 * The only door out of the page: `window.freightdesk`, allowing exactly the channels and events
 * the contract declares. Runs in a sandboxed renderer, so it is bundled with its dependencies:
 * it checks names against the plain list in `shared/ipc-names.ts` (no zod, no schemas) and leaves
 * validation to the router in main.
 */
import { contextBridge, ipcRenderer } from 'electron'
import type { FreightdeskBridge } from '@shared/bridge'
import { isChannelName, isEventNameListed } from '@shared/ipc-names'
import type { Result } from '@shared/result'

const bridge: FreightdeskBridge = {
  invoke(channel, input) {
    if (!isChannelName(channel)) {
      return Promise.resolve<Result<never>>({
        ok: false,
        error: { code: 'not_found', message: `There is no IPC channel named "${channel}".` },
      })
    }
    return ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>
  },
  on(event, listener) {
    if (!isEventNameListed(event)) throw new Error(`There is no event named "${event}".`)
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(event, forward)
    return () => {
      ipcRenderer.removeListener(event, forward)
    }
  },
}

contextBridge.exposeInMainWorld('freightdesk', bridge)
