import {
  contract,
  isChannel,
  type Channel,
  type ChannelOutput,
  type ParsedInput,
} from '@shared/contract'
import { fieldMessages, isAppErrorException, type AppError } from '@shared/errors'
import type { Result } from '@shared/result'
import { describeError, type Logger } from '../log'
import type { EventHub } from '../events/event-hub'

/** One handler per contract channel; the type makes a missing channel a compile error. */
export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>
}

export interface Router {
  /** Validates `input` against the channel's schema, runs its handler, and never throws. */
  invoke(channel: string, input: unknown): Promise<Result<unknown>>
  readonly events: EventHub
}

export interface RouterOptions {
  /** Checks every handler's output against the contract (development and tests). */
  validateOutput: boolean
  log: Logger
}

const unknownRequestMessage =
  'Freightdesk did not understand this request. Restart Freightdesk; if it keeps happening, update it.'

/**
 * The sentence a refused input shows: the schemas' own messages ("Enter a name") once each, or,
 * where only a schema type's default answered ("Invalid input: expected string"), a plain one.
 */
function validationMessage(fields: Record<string, string>): string {
  const messages = [...new Set(Object.values(fields))]
  const developerWords = /^(invalid|too (big|small)|unknown field|expected|unrecognized)/i
  if (messages.length === 0 || messages.some((message) => developerWords.test(message))) {
    return 'Freightdesk could not use what was entered. Check the form and try again; if it keeps happening, restart Freightdesk.'
  }
  return `Freightdesk could not use what was entered: ${messages.join('; ')}.`
}

const internalMessage =
  'Something went wrong inside Freightdesk. Try again; if it keeps happening, restart the app.'

/** The transport-free router that both the Electron shell and the web host bind to. */
export function createRouter(handlers: Handlers, events: EventHub, options: RouterOptions): Router {
  async function invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) {
      options.log.warn('a call to an unknown channel', { channel })
      return fail({ code: 'not_found', message: unknownRequestMessage })
    }
    const definition = contract[channel]
    const parsed = definition.input.safeParse(input)
    if (!parsed.success) {
      // The dispatcher reads the messages; the channel and field paths go to the log.
      const fields = fieldMessages(parsed.error.issues)
      options.log.warn('a call with input outside the contract', { channel, fields })
      return fail({
        code: 'validation',
        message: validationMessage(fields),
        fields,
      })
    }
    try {
      const handler = handlers[channel] as (input: unknown) => unknown
      const value = await handler(parsed.data)
      if (options.validateOutput) {
        const checked = definition.output.safeParse(value)
        if (!checked.success) {
          options.log.error(`handler for ${channel} returned output outside the contract`, {
            fields: fieldMessages(checked.error.issues),
          })
          return fail({ code: 'internal', message: internalMessage })
        }
      }
      return { ok: true, value }
    } catch (error) {
      if (isAppErrorException(error)) return fail(error.error)
      options.log.error(`handler for ${channel} threw`, describeError(error))
      return fail({ code: 'internal', message: internalMessage })
    }
  }

  return { invoke, events }
}

function fail(error: AppError): Result<never> {
  return { ok: false, error }
}
