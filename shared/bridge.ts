import type { Result } from './result'

/**
 * What the page sees as `window.freightdesk`: the preload's IPC bridge in Electron, or the HTTP
 * bridge to the web host in a browser. Untyped at this level; `renderer/src/api/client.ts` adds the
 * contract's types and turns error results into exceptions.
 */
export interface FreightdeskBridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>
  /** Subscribes to one main-process event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void
}
