/**
 * The update decisions: on only for installed Windows and macOS apps with a feed, asked once per
 * version, installed at a quit only after the dispatcher agreed and never while the outbox holds
 * changes.
 */
import { describe, expect, it } from 'vitest'
import {
  createUpdateFlow,
  updateCheckIntervalMs,
  updateSetup,
  type UpdateBuild,
} from '../../../electron/main/desktop/update-flow'

const installed: UpdateBuild = {
  packaged: true,
  sampleData: false,
  feedConfigured: true,
  platform: 'win32',
}
const empty = { pending: 0, failed: 0 }

describe('whether a build updates itself', () => {
  it('does when installed on Windows or macOS from installers built with a feed', () => {
    expect(updateSetup(installed)).toEqual({ on: true })
    expect(updateSetup({ ...installed, platform: 'darwin' })).toEqual({ on: true })
  })

  it('does not in development, with sample data, on Linux, or without a feed, and says why', () => {
    expect(updateSetup({ ...installed, packaged: false })).toEqual({
      on: false,
      reason: 'a development build is never updated',
    })
    expect(updateSetup({ ...installed, sampleData: true })).toEqual({
      on: false,
      reason: 'a sample-data run is never updated',
    })
    expect(updateSetup({ ...installed, platform: 'linux' })).toMatchObject({ on: false })
    expect(updateSetup({ ...installed, feedConfigured: false })).toEqual({
      on: false,
      reason: 'this build was made without an update feed',
    })
  })

  it('checks once a day after the check at start', () => {
    expect(updateCheckIntervalMs).toBe(86_400_000)
  })
})

describe('the update flow', () => {
  it('asks once per downloaded version, the wait being the default answer', () => {
    const flow = createUpdateFlow('Freightdesk')
    const question = flow.downloaded('1.2.0')
    expect(question).toMatchObject({
      message: 'Freightdesk 1.2.0 is ready to install.',
      buttons: ['Install when I quit', 'Not now'],
    })
    expect(question!.detail).toContain('outbox')
    expect(flow.downloaded('1.2.0')).toBeNull()
    expect(flow.downloaded('1.3.0')).toMatchObject({
      message: 'Freightdesk 1.3.0 is ready to install.',
    })
  })

  it('quits without installing when nothing was downloaded or the dispatcher did not agree', () => {
    const flow = createUpdateFlow('Freightdesk')
    expect(flow.atQuit(empty)).toEqual({ install: false, reason: 'no update' })
    flow.downloaded('1.2.0')
    expect(flow.atQuit(empty)).toEqual({ install: false, reason: 'not agreed' })
    flow.answered('1.2.0', false)
    expect(flow.atQuit(empty)).toEqual({ install: false, reason: 'not agreed' })
  })

  it('installs at the quit after the dispatcher agreed, once', () => {
    const flow = createUpdateFlow('Freightdesk')
    flow.downloaded('1.2.0')
    flow.answered('1.2.0', true)
    expect(flow.atQuit(empty)).toEqual({ install: true, version: '1.2.0' })
    // The installer quits the app again: that quit goes through.
    expect(flow.atQuit(empty)).toEqual({ install: false, reason: 'installing' })
  })

  it('never installs while the outbox holds changes, waiting or refused', () => {
    const flow = createUpdateFlow('Freightdesk')
    flow.downloaded('1.2.0')
    flow.answered('1.2.0', true)
    expect(flow.atQuit({ pending: 2, failed: 0 })).toEqual({
      install: false,
      reason: 'outbox not empty',
    })
    expect(flow.atQuit({ pending: 0, failed: 1 })).toEqual({
      install: false,
      reason: 'outbox not empty',
    })
    // The outbox emptied: the next quit installs.
    expect(flow.atQuit(empty)).toEqual({ install: true, version: '1.2.0' })
  })

  it('asks again for a newer version downloaded after the one agreed to', () => {
    const flow = createUpdateFlow('Freightdesk')
    flow.downloaded('1.2.0')
    flow.answered('1.2.0', true)
    expect(flow.downloaded('1.3.0')).not.toBeNull()
    expect(flow.atQuit(empty)).toEqual({ install: false, reason: 'not agreed' })
    flow.answered('1.3.0', true)
    expect(flow.atQuit(empty)).toEqual({ install: true, version: '1.3.0' })
  })
})
