/**
 * The renderer's typed door to main. Calls are typed from the contract; an error result is
 * rethrown as `AppErrorException`, so callers handle failures with try/catch on the error's code.
 */
import type { FreightdeskBridge } from '@shared/bridge'
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayload,
} from '@shared/contract'
import { AppErrorException } from '@shared/errors'
import { createHttpBridge, takeWebToken } from './http-bridge'

const bridge: FreightdeskBridge =
  window.freightdesk ??
  createHttpBridge(takeWebToken(window.location, window.sessionStorage, window.history))

type InputArgs<C extends Channel> =
  undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>]

export async function call<C extends Channel>(
  channel: C,
  ...[input]: InputArgs<C>
): Promise<ChannelOutput<C>> {
  const result = await bridge.invoke(channel, input)
  if (!result.ok) throw new AppErrorException(result.error)
  return result.value as ChannelOutput<C>
}

export function subscribe<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return bridge.on(event, listener as (payload: unknown) => void)
}

/** A message for the dispatcher from any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof AppErrorException) return error.message
  return 'Something went wrong in Freightdesk. Try again; if it keeps happening, restart the app.'
}
