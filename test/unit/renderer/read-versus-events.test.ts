/** A read's answer against the events that arrived while it travelled: the newer copy wins. */
import { describe, expect, it } from 'vitest'
import { createReadTracker } from '../../../renderer/src/features/sync/read-versus-events'

describe('read tracker', () => {
  it('keeps an entry an event brought while the read was on its way', () => {
    const reads = createReadTracker()
    const merge = reads.startRead()
    reads.heard('a')
    const afterEvent = { a: 'checked', b: 'old' }
    expect(merge(afterEvent, { a: 'stale', b: 'read' })).toEqual({ a: 'checked', b: 'read' })
  })

  it('takes the read for entries whose last event came before it started', () => {
    const reads = createReadTracker()
    reads.heard('a')
    const merge = reads.startRead()
    expect(merge({ a: 'from event' }, { a: 'read' })).toEqual({ a: 'read' })
  })

  it('drops entries the read no longer lists, even if an event brought them', () => {
    const reads = createReadTracker()
    const merge = reads.startRead()
    reads.heard('gone')
    expect(merge({ gone: 'x', kept: 'y' }, { kept: 'z' })).toEqual({ kept: 'z' })
  })

  it('takes the read when an event named the entry but it is not held', () => {
    const reads = createReadTracker()
    const merge = reads.startRead()
    reads.heard('a')
    expect(merge({}, { a: 'read' })).toEqual({ a: 'read' })
  })
})

describe('two reads answering out of order', () => {
  it('keeps the answer of the read that started later', () => {
    const reads = createReadTracker()
    const first = reads.startRead()
    const second = reads.startRead()
    const afterSecond = second({}, { a: 'newer read' })
    expect(first(afterSecond, { a: 'older read' })).toEqual({ a: 'newer read' })
  })

  it('takes a later read after an earlier one', () => {
    const reads = createReadTracker()
    const first = reads.startRead()
    const afterFirst = first({}, { a: 'first' })
    const second = reads.startRead()
    expect(second(afterFirst, { a: 'second' })).toEqual({ a: 'second' })
  })
})
