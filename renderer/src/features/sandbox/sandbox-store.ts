import { create } from 'zustand'
import type { SandboxStatus } from '@shared/domain/sample-data'
import { call, errorMessage, subscribe } from '../../api/client'

interface SandboxStoreState {
  status: SandboxStatus | null
  /** An action is running: starting, removing or switching offline. */
  busy: 'start' | 'remove' | 'offline' | null
  error: string | null
  load: () => Promise<void>
  start: () => Promise<void>
  remove: () => Promise<boolean>
  setOffline: (offline: boolean) => Promise<void>
  /** Subscribes to `sandbox.changed`; returns the unsubscribe. */
  listen: () => () => void
}

/** Sample data (sandbox mode): its status and the actions on it. */
export const useSandbox = create<SandboxStoreState>((set, get) => {
  async function run(busy: NonNullable<SandboxStoreState['busy']>, action: () => Promise<void>) {
    set({ busy, error: null })
    try {
      await action()
      return true
    } catch (error) {
      set({ error: errorMessage(error) })
      return false
    } finally {
      set({ busy: null })
    }
  }
  return {
    status: null,
    busy: null,
    error: null,
    async load() {
      try {
        set({ status: await call('sandbox.status') })
      } catch (error) {
        set({ error: errorMessage(error) })
      }
    },
    async start() {
      await run('start', async () => set({ status: await call('sandbox.start') }))
    },
    async remove() {
      return run('remove', async () => {
        await call('sandbox.remove')
        await get().load()
      })
    },
    async setOffline(offline) {
      await run('offline', async () =>
        set({ status: await call('sandbox.setOffline', { offline }) }),
      )
    },
    listen() {
      return subscribe('sandbox.changed', (status) => set({ status }))
    },
  }
})

/** Whether sample data is on (sandbox accounts exist). */
export function sandboxOn(status: SandboxStatus | null): boolean {
  return status !== null && status.state !== 'off'
}
