/**
 * The provider simulators as tests start them: listening on 127.0.0.1 and stopped by the runner
 * after the test that started them (or after the file, when started in `beforeAll`).
 */
import {
  startCregoSimulator,
  type CregoSimulator,
  type CregoSimulatorOptions,
} from '../../electron/main/simulators/crego/server'
import {
  startSpotGoSimulator,
  type SpotGoSimulator,
  type SpotGoSimulatorOptions,
} from '../../electron/main/simulators/spotgo/server'
import {
  startTranseuSimulator,
  type TranseuSimulator,
  type TranseuSimulatorOptions,
} from '../../electron/main/simulators/transeu/server'
import { cleanUpLater } from './cleanup'

export type { CregoSimulator, SpotGoSimulator, TranseuSimulator }

async function stoppedLater<S extends { stop(): Promise<void> }>(started: Promise<S>): Promise<S> {
  const sim = await started
  cleanUpLater(() => sim.stop())
  return sim
}

export const spotgoSimulator = (options: SpotGoSimulatorOptions = {}) =>
  stoppedLater(startSpotGoSimulator(options))
export const transeuSimulator = (options: TranseuSimulatorOptions = {}) =>
  stoppedLater(startTranseuSimulator(options))
export const cregoSimulator = (options: CregoSimulatorOptions = {}) =>
  stoppedLater(startCregoSimulator(options))

/** A Trans.eu simulator whose token endpoint lets a test sign in as often as it needs. */
export const roomyTokenLimits = { token: { limit: 1000, windowMs: 1000 } }
