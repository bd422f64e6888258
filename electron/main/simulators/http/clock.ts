/**
 * The simulators' sense of time. Token lifetimes, code expiry, share links and rate-limit windows
 * all read this clock, so a test can move time forward instead of sleeping.
 */
import { toInstant } from '../data/time'

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Moves time forward (or back, with a negative number). */
  advance(ms: number): void
  /** Jumps to an instant. */
  set(instant: number | string | Date): void
}

/**
 * Where a clock's time comes from: a function (such as `Date.now`, the default) that it follows,
 * or a fixed instant where it stands still until advanced.
 */
export type ClockSource = (() => number) | number | string | Date

export function createClock(source: ClockSource = Date.now): Clock {
  const base = typeof source === 'function' ? source : () => toInstant(source)
  let offset = 0
  return {
    now: () => base() + offset,
    advance: (ms) => {
      offset += ms
    },
    set: (instant) => {
      offset = toInstant(instant) - base()
    },
  }
}

/** The clock itself when given one, otherwise a new clock from the source. */
export function resolveClock(clock: Clock | ClockSource | undefined): Clock {
  return isClock(clock) ? clock : createClock(clock)
}

function isClock(value: unknown): value is Clock {
  return typeof value === 'object' && value !== null && 'now' in value && 'advance' in value
}
