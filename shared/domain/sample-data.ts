/**
 * Sandbox mode: the provider simulators running inside the app with sample data, and one sandbox
 * account per provider that talks to them. Everything here is what the renderer may know.
 */
import { z } from 'zod'
import { AccountId } from './freight'

/** What the dispatcher sees as the name of sandbox data wherever accounts appear. */
export const sandboxLabel = 'Sample data'

export const SandboxState = z.enum([
  /** No sandbox accounts. */
  'off',
  /** Simulators starting, accounts being added or brought back. */
  'starting',
  /** Simulators running and the sandbox accounts signed in. */
  'running',
  /** Sandbox accounts exist but the simulators could not be started (see `message`). */
  'failed',
])
export type SandboxState = z.infer<typeof SandboxState>

export const SandboxStatus = z.object({
  state: SandboxState,
  /** The simulators refuse connections, as if the network were gone (switched from the menu). */
  offline: z.boolean(),
  /** The sandbox accounts (one per provider once started). */
  accountIds: z.array(AccountId),
  /** A sentence for the dispatcher when `state` is `failed`; else null. */
  message: z.string().nullable(),
})
export type SandboxStatus = z.infer<typeof SandboxStatus>

export const SandboxOfflineInput = z.object({ offline: z.boolean() }).strict()

export const SandboxRemoved = z.object({
  removed: z.literal(true),
  removedAccounts: z.number().int().nonnegative(),
  removedFreights: z.number().int().nonnegative(),
  removedShares: z.number().int().nonnegative(),
})
export type SandboxRemoved = z.infer<typeof SandboxRemoved>
