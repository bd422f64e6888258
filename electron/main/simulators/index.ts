/**
 * The provider simulators, all three at once: one generated scenario (so Crego documents name
 * the SpotGo and Trans.eu freights), one clock, each server on 127.0.0.1. This is what the app's
 * sandbox mode starts; tests usually start the one simulator they need.
 */
import type { Logger } from '../log'
import { startCregoSimulator, type CregoSimulator } from './crego/server'
import { defaultScenarioCounts, generateScenario, type Scenario } from './data/generate'
import { resolveClock, type Clock, type ClockSource } from './http/clock'
import { anchorFor } from './http/simulator'
import { startSpotGoSimulator, type SpotGoSimulator } from './spotgo/server'
import { startTranseuSimulator, type TranseuSimulator } from './transeu/server'

export { controlSimulator, type ControlAccess } from './http/control'
export { createClock, type Clock, type ClockSource } from './http/clock'
export { generateScenario, type Scenario, type ScenarioOptions } from './data/generate'
export { startCregoSimulator, type CregoSimulator } from './crego/server'
export { startSpotGoSimulator, type SpotGoSimulator } from './spotgo/server'
export { startTranseuSimulator, type TranseuSimulator } from './transeu/server'
export {
  openConsentPage,
  signInOnConsentPage,
  submitConsent,
  type ConsentChoice,
  type ConsentUser,
} from './transeu/consent'

export interface SimulatorsOptions {
  /** Seed of the scenario and of the probabilistic faults (default 1). */
  seed?: number
  /** The instant the data is built around (default: the clock's now, to the minute). */
  anchor?: number | string | Date
  spotgoFreights?: number
  transeuFreights?: number
  documents?: number
  /** One clock for all three (default: real time). */
  now?: Clock | ClockSource
  /** Fixed ports, so a restarted sandbox comes back where the app's accounts point. */
  ports?: { spotgo?: number; transeu?: number; crego?: number }
  /** Serve the providers' documented example answers where they have them (see each simulator). */
  documentedExamples?: boolean
  log?: Logger
}

export interface Simulators {
  spotgo: SpotGoSimulator
  transeu: TranseuSimulator
  crego: CregoSimulator
  clock: Clock
  scenario: Scenario
  /** Stops all three; resolves when every socket is closed. */
  stop(): Promise<void>
}

/** Starts SpotGo, Trans.eu and Crego simulators serving one scenario. */
export async function startSimulators(options: SimulatorsOptions = {}): Promise<Simulators> {
  const clock = resolveClock(options.now)
  const seed = options.seed ?? 1
  const scenario = generateScenario({
    seed,
    anchor: anchorFor(options, clock),
    spotgoFreights: options.spotgoFreights ?? defaultScenarioCounts.spotgoFreights,
    transeuFreights: options.transeuFreights ?? defaultScenarioCounts.transeuFreights,
    documents: options.documents ?? defaultScenarioCounts.documents,
  })
  const common = {
    seed,
    now: clock,
    scenario,
    log: options.log,
    documentedExamples: options.documentedExamples,
  }
  const started: { stop(): Promise<void> }[] = []
  try {
    const spotgo = await startSpotGoSimulator({ ...common, port: options.ports?.spotgo })
    started.push(spotgo)
    const transeu = await startTranseuSimulator({ ...common, port: options.ports?.transeu })
    started.push(transeu)
    const crego = await startCregoSimulator({ ...common, port: options.ports?.crego })
    started.push(crego)
    return {
      spotgo,
      transeu,
      crego,
      clock,
      scenario,
      stop: async () => {
        await Promise.all(started.map((simulator) => simulator.stop()))
      },
    }
  } catch (error) {
    // A port taken by someone else must not leave the others running.
    await Promise.all(started.map((simulator) => simulator.stop()))
    throw error
  }
}
