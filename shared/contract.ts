/**
 * The IPC contract: every channel the renderer may call and every event main pushes, each declared
 * once with zod schemas. Types on both sides are inferred from here; the router validates against
 * these schemas and the preload's allow-list is generated from these keys.
 */
import { z } from 'zod'

export const Platform = z.enum(['darwin', 'win32', 'linux', 'web'])

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  platform: Platform,
  /** Which shell runs the core: the Electron app or the browser preview host. */
  shell: z.enum(['electron', 'web']),
})
export type AppInfo = z.infer<typeof AppInfo>

export const Notice = z.object({
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
})
export type Notice = z.infer<typeof Notice>

const noInput = z.undefined()

export const contract = {
  'app.info': { input: noInput, output: AppInfo },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>

export const events = {
  /** A message from main for the dispatcher (shown as a toast). */
  'app.notice': Notice,
} as const satisfies Record<string, z.ZodType>

export type Contract = typeof contract
export type Channel = keyof Contract
export type EventName = keyof typeof events

/** What a caller passes (before zod transforms and defaults). */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
/** What a handler receives (after parsing). */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>

export const channelNames = Object.keys(contract) as Channel[]
export const eventNames = Object.keys(events) as EventName[]

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name)
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name)
}
