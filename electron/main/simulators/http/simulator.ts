/**
 * The shape every simulator shares: the options they all take and what starting one returns
 * (`{baseUrl, credentials, faults, clock, state, stop()}`).
 */
import type { Logger } from '../../log'
import { generateScenario, type Scenario, type ScenarioOptions } from '../data/generate'
import { resolveClock, type Clock, type ClockSource } from './clock'
import type { ControlAccess } from './control'
import type { FaultEngine, Faults } from './faults'
import type { SimulatorServer } from './server'

export interface SimulatorOptions {
  /** 0 or absent: a free port. A fixed port lets a restarted sandbox come back on it. */
  port?: number
  /** Seed of the generated data and of the probabilistic faults (default 1). */
  seed?: number
  /** The instant generated data is built around (default: the clock's now, to the minute). */
  anchor?: number | string | Date
  /** The clock to share, a fixed instant to stand still at, or a time source (default `Date.now`). */
  now?: Clock | ClockSource
  /** Data to serve instead of generating it (one scenario for all three simulators). */
  scenario?: Scenario
  /** Where handler failures are logged (default: the console). */
  log?: Logger
}

/** Faults of one simulator, plus going offline (connection refused) and back on the same port. */
export type SimulatorFaults<Extra extends object = object> = Faults<Extra> & {
  goOffline(): Promise<void>
  goOnline(): Promise<void>
}

/** Token faults of the simulators that issue tokens (Trans.eu, Crego). */
export interface TokenFaults {
  /** Every access token issued so far expires now. */
  expireTokens(): void
  /** Every refresh token issued so far stops working. */
  revokeRefreshTokens(): void
}

export interface Simulator<Credentials, State, FaultControls> {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string
  port: number
  /** What a client needs to sign in. */
  credentials: Credentials
  faults: FaultControls
  clock: Clock
  state: State
  /** For switching faults from another process: `controlSimulator(control, 'faults', {...})`. */
  control: ControlAccess
  /** Closes every socket; resolves when closed. */
  stop(): Promise<void>
}

/** The faults object a simulator hands out: the engine's switches plus offline/online and extras. */
export function simulatorFaults<Extra extends object, More extends object>(
  engine: FaultEngine<Extra>,
  server: Pick<SimulatorServer, 'goOffline' | 'goOnline'>,
  more: More,
): SimulatorFaults<Extra> & More {
  return {
    get settings() {
      return engine.settings
    },
    set: (settings) => engine.set(settings),
    reset: () => engine.reset(),
    failNext: (count, kind) => engine.failNext(count, kind),
    goOffline: () => server.goOffline(),
    goOnline: () => server.goOnline(),
    ...more,
  }
}

/** The anchor for generated data: the option, or the clock's now rounded down to the minute. */
export function anchorFor(
  options: Pick<SimulatorOptions, 'anchor'>,
  clock: Clock,
): number | string | Date {
  return options.anchor ?? Math.floor(clock.now() / 60_000) * 60_000
}

/**
 * What every simulator starts from: its clock, its seed, and the scenario it serves (the one given,
 * or one generated with `counts`).
 */
export function prepareSimulator(
  options: SimulatorOptions,
  counts: Pick<ScenarioOptions, 'spotgoFreights' | 'transeuFreights' | 'documents'>,
): { clock: Clock; seed: number; scenario: Scenario } {
  const clock = resolveClock(options.now)
  const seed = options.seed ?? 1
  const scenario =
    options.scenario ?? generateScenario({ seed, anchor: anchorFor(options, clock), ...counts })
  return { clock, seed, scenario }
}
