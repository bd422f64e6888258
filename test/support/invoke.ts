/**
 * One typed way to call a channel in tests, whatever carries it: the router in-process, or a web
 * host over HTTP. Inputs and outputs are typed from the contract; an error result throws
 * `AppErrorException` with the AppError.
 */
import type { Channel, ChannelInput, ChannelOutput } from '@shared/contract'
import { AppErrorException, type AppError } from '@shared/errors'
import type { Result } from '@shared/result'

export type InputArgs<C extends Channel> =
  undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>]

export type Invoke = <C extends Channel>(
  channel: C,
  ...input: InputArgs<C>
) => Promise<ChannelOutput<C>>

/** Any transport: a function from a channel and its input to the wire result. */
type Transport = (channel: string, input: unknown) => Promise<Result<unknown>>

export function typedInvoke(transport: Transport): Invoke {
  return async (channel, ...[input]) => {
    const result = await transport(channel, input)
    if (!result.ok) throw new AppErrorException(result.error)
    return result.value as ChannelOutput<typeof channel>
  }
}

/** The AppError a call answered with; fails when it succeeded. */
export async function failureOf(
  transport: Transport,
  channel: Channel,
  input?: unknown,
): Promise<AppError> {
  const result = await transport(channel, input)
  if (result.ok) throw new Error(`${channel} succeeded; expected an error`)
  return result.error
}

/** The web host's transport: one POST per call with the run's token. */
export function hostTransport(host: { origin: string; token: string }): Transport {
  return async (channel, input) => {
    const response = await fetch(`${host.origin}/api/invoke/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ input }),
    })
    return (await response.json()) as Result<unknown>
  }
}
