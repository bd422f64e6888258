import type { Cache } from '../cache'
import type { SyncStore } from '../cache/sync-store'
import type { EventHub } from '../events/event-hub'
import type { Logger } from '../log'
import type { AccountsService } from '../services/accounts'
import type { Connectivity } from './connectivity'

/** What the sync engine, each of its runs and the outbox work with. */
export interface SyncDependencies {
  cache: Pick<Cache, 'freights' | 'accounts'>
  store: SyncStore
  accounts: Pick<AccountsService, 'clientFor'>
  connectivity: Connectivity
  events: EventHub
  log: Logger
  now: () => Date
}
