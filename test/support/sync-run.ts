import type { SyncRun } from '@shared/domain/sync'
import type { TestCore } from './test-core'

/** Runs a sync of one account through the channel and waits for its record. */
export async function syncAccount(app: TestCore, accountId: string): Promise<SyncRun> {
  const started = await app.call('sync.start', { accountId })
  const run = started.runs[0]
  if (!run) throw new Error('sync.start started nothing')
  await app.nextEvent(
    'sync.progress',
    (progress) => progress.runId === run.runId && progress.phase === 'finished',
  )
  const [record] = await app.call('sync.runs', { accountId, limit: 1 })
  if (record?.id !== run.runId) throw new Error('the run is not the newest record')
  return record
}
