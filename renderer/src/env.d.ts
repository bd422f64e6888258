import type { FreightdeskBridge } from '@shared/bridge'

declare global {
  interface Window {
    /** Present in Electron (set by the preload); absent in a browser, where the HTTP bridge is used. */
    freightdesk?: FreightdeskBridge
  }
}

export {}
