import { describe, expect, it } from 'vitest'
import {
  formatTimeSpan,
  parseTimeSpan,
  SpotGoCoordinates,
  SpotGoFreightList,
  SpotGoSources,
} from '../../../electron/main/providers/spotgo/wire'
import {
  flattenValidationMessages,
  isTranseuVehicleSize,
  TranseuApiProblem,
} from '../../../electron/main/providers/transeu/wire'
import { generateScenario } from '../../../electron/main/sandbox/data/generate'

describe('SpotGo tolerant reading', () => {
  const [freight] = generateScenario({
    seed: 1,
    anchor: '2026-03-02T09:00:00Z',
    spotgoFreights: 1,
    transeuFreights: 0,
    documents: 0,
  }).spotgo.freights

  it('reads the list as an envelope or as a bare array', () => {
    const envelope = SpotGoFreightList.parse({
      items: [freight],
      totalCount: 1,
      page: 1,
      pageSize: 20,
    })
    expect(envelope).toEqual({ items: [freight], totalCount: 1, page: 1, pageSize: 20 })
    const bare = SpotGoFreightList.parse([freight])
    expect(bare.items).toEqual([freight])
    expect(bare.totalCount).toBeUndefined()
    expect(() => SpotGoFreightList.parse({ items: 'nope' })).toThrow()
  })

  it('reads lattitude or latitude and always yields latitude', () => {
    expect(SpotGoCoordinates.parse({ lattitude: 50.1, longitude: 19.9 })).toEqual({
      latitude: 50.1,
      longitude: 19.9,
    })
    expect(SpotGoCoordinates.parse({ latitude: 50.1, longitude: 19.9 })).toEqual({
      latitude: 50.1,
      longitude: 19.9,
    })
    expect(SpotGoCoordinates.safeParse({ longitude: 19.9 }).success).toBe(false)
  })

  it('reads sources as strings or numbers and yields strings', () => {
    expect(SpotGoSources.parse(['1', 2])).toEqual(['1', '2'])
    expect(SpotGoSources.safeParse(['x']).success).toBe(false)
    expect(SpotGoSources.safeParse([0]).success).toBe(false)
  })

  it('parses and writes .NET TimeSpans', () => {
    expect(parseTimeSpan('02:30:00')).toBe(9_000_000)
    expect(parseTimeSpan('3.00:00:00')).toBe(3 * 86_400_000)
    expect(parseTimeSpan('00:00:01.5')).toBe(1500)
    expect(parseTimeSpan('24:00:00')).toBeNull()
    expect(parseTimeSpan('1 hour')).toBeNull()
    expect(formatTimeSpan(9_000_000)).toBe('02:30:00')
    expect(formatTimeSpan(30 * 86_400_000 + 61_000)).toBe('30.00:01:01')
    expect(parseTimeSpan(formatTimeSpan(123_456_000))).toBe(123_456_000)
  })
})

describe('Trans.eu', () => {
  it('reads validation_messages in both forms into dotted paths', () => {
    const problem = TranseuApiProblem.parse({
      type: 'x',
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'Failed Validation',
      validation_messages: {
        sortBy: { notInArray: 'Allowed values: status' },
        capacity: { validation_error: { isEmpty: 'Value is required' } },
        spots: { '0': { place: { validation_error: 'Not found' } } },
        loads: ['First', 'Second'],
      },
    })
    expect(problem.validation_messages).toEqual({
      sortBy: ['Allowed values: status'],
      capacity: ['Value is required'],
      'spots.0.place': ['Not found'],
      loads: ['First', 'Second'],
    })
    expect(
      flattenValidationMessages({ filter: { status: { notInArray: 'a', other: 'b' } } }),
    ).toEqual({
      'filter.status': ['a', 'b'],
    })
  })

  it('knows the vehicle sizes and their order', () => {
    for (const size of [
      'any_size',
      'bus',
      'lorry_solo',
      'double_trailer_lorry',
      'bus_lorry_solo',
      'bus_double_trailer_lorry_solo',
    ]) {
      expect(isTranseuVehicleSize(size), size).toBe(true)
    }
    for (const size of ['', 'lorry_bus', 'solo_lorry', 'double', 'lorry_lorry', 'truck', 'bus_']) {
      expect(isTranseuVehicleSize(size), size).toBe(false)
    }
  })
})
