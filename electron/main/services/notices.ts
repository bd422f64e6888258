import type { Notice } from '@shared/contract'
import type { EventHub } from '../events/event-hub'

export interface NoticesService {
  /** Tells the dispatcher something now (as an event) and keeps it for a page that loads later. */
  raise(notice: Notice): void
  /** The notices of this run, oldest first, for a page that was not listening when they came. */
  list(): Notice[]
}

const kept = 20

/** Notices for the dispatcher. Those raised while the core starts would reach nobody as events alone. */
export function createNoticesService(events: EventHub): NoticesService {
  const notices: Notice[] = []
  return {
    raise(notice) {
      notices.push(notice)
      if (notices.length > kept) notices.shift()
      events.emit('app.notice', notice)
    },
    list: () => [...notices],
  }
}
