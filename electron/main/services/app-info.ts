import type { AppInfo } from '@shared/contract'

export interface AppInfoService {
  info(): AppInfo
}

/** What the app knows about itself: name, version, where its data lives, which shell runs it. */
export function createAppInfoService(facts: AppInfo): AppInfoService {
  const frozen = Object.freeze({ ...facts })
  return { info: () => frozen }
}
