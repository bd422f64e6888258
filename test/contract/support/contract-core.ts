/**
 * A real core for contract tests: a fresh data folder, the real keychain under a test service
 * name (swept afterwards), the scheduler off, and a clipboard the test reads back. Calls go
 * through the router, so inputs and outputs are checked against the IPC contract.
 */
import type { Channel, ChannelInput, ChannelOutput } from '@shared/contract'
import { createCore, type Core } from '../../../electron/main/core'
import type { ClipboardContent } from '../../../electron/main/services/shares'
import { requireKeychain, sweepKeychain, testSecretService } from '../../support/keychain'
import { createRecordingLogger } from '../../support/recording-logger'
import { makeTempDir } from '../../support/temp-dir'

export interface ContractCore {
  core: Core
  clipboard: ClipboardContent[]
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>
  close(): Promise<void>
}

export async function startContractCore(): Promise<ContractCore> {
  await requireKeychain()
  const temp = makeTempDir('freightdesk-contract-')
  const secretService = testSecretService()
  const clipboard: ClipboardContent[] = []
  const core = createCore({
    dataDir: temp.dir,
    shell: 'web',
    platform: 'linux',
    validateContracts: true,
    log: createRecordingLogger(),
    secretService,
    sync: { schedule: false },
    ports: { writeClipboard: (content) => void clipboard.push(content) },
  })
  return {
    core,
    clipboard,
    async call(channel, input) {
      const result = await core.router.invoke(channel, input)
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`)
      return result.value as ChannelOutput<typeof channel>
    },
    async close() {
      await core.dispose()
      await sweepKeychain(secretService)
      temp.remove()
    },
  }
}
