import type { Services } from '../core'
import type { Handlers } from './router'

/** Maps each contract channel to the service call that answers it; no business rules live here. */
export function createHandlers(services: Services): Handlers {
  return {
    'app.info': () => services.appInfo.info(),
  }
}
