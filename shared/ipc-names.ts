/**
 * The names of every IPC channel and event, as plain strings: what the preload needs to refuse an
 * unknown name without bundling zod and every schema. The types below fail to compile when this
 * list and the contract (`contract.ts`) disagree in either direction.
 */
import type { Channel, EventName } from './contract'

export const channelNameList = [
  'app.info',
  'app.notices',
  'app.openExternal',
  'freights.query',
  'freights.get',
  'freights.facets',
  'freights.annotate',
  'freights.valueCounts',
  'freights.export',
  'grid.state',
  'grid.saveState',
  'views.list',
  'views.save',
  'views.remove',
  'accounts.list',
  'accounts.add',
  'accounts.update',
  'accounts.remove',
  'accounts.test',
  'accounts.signIn.start',
  'accounts.signIn.complete',
  'accounts.signIn.cancel',
  'sync.start',
  'sync.cancel',
  'sync.runs',
  'sync.readProblems',
  'sync.copyDiagnostic',
  'connectivity.get',
  'freights.delete',
  'freights.changePrice',
  'outbox.list',
  'outbox.retry',
  'outbox.discard',
  'shares.createFreightLink',
  'shares.createDocumentLink',
  'shares.list',
  'shares.extend',
  'shares.revoke',
  'shares.copy',
  'documents.list',
  'documents.get',
  'documents.forFreight',
  'sandbox.status',
  'sandbox.start',
  'sandbox.remove',
  'sandbox.setOffline',
] as const satisfies readonly Channel[]

export const eventNameList = [
  'app.notice',
  'freights.changed',
  'accounts.changed',
  'accounts.signIn.finished',
  'sync.progress',
  'connectivity.changed',
  'outbox.changed',
  'sandbox.changed',
  'shares.changed',
  'menu.command',
] as const satisfies readonly EventName[]

/** Compiles only when `Listed` names every member of `All`. */
type Covers<All extends string, Listed extends string> = [Exclude<All, Listed>] extends [never]
  ? true
  : { missing: Exclude<All, Listed> }
const everyChannelListed: Covers<Channel, (typeof channelNameList)[number]> = true
const everyEventListed: Covers<EventName, (typeof eventNameList)[number]> = true
void everyChannelListed
void everyEventListed

const channelSet: ReadonlySet<string> = new Set(channelNameList)
const eventSet: ReadonlySet<string> = new Set(eventNameList)

export function isChannelName(name: string): name is Channel {
  return channelSet.has(name)
}

export function isEventNameListed(name: string): name is EventName {
  return eventSet.has(name)
}
