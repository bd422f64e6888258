import { events, type EventName, type EventPayload } from '@shared/contract'
import type { Logger } from '../log'

export type EventListener = (name: EventName, payload: unknown) => void

/** The one place main-process events are published; shells subscribe and forward them to the page. */
export interface EventHub {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void
  subscribe(listener: EventListener): () => void
}

export function createEventHub(options: { validate: boolean; log: Logger }): EventHub {
  const listeners = new Set<EventListener>()
  return {
    emit(name, payload) {
      if (options.validate) events[name].parse(payload)
      for (const listener of listeners) {
        try {
          listener(name, payload)
        } catch (error) {
          options.log.error(`event listener for ${name} failed`, { error: String(error) })
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
