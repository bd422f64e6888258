/**
 * The small readers and writers of the wire modules: SpotGo's list envelope or bare array, .NET
 * TimeSpans, Trans.eu's `validation_messages` in both forms and its vehicle sizes.
 */
import { describe, expect, it } from 'vitest'
import {
  formatTimeSpan,
  parseTimeSpan,
  SpotGoFreightListLoose,
} from '../../../electron/main/providers/spotgo/wire'
import {
  flattenValidationMessages,
  isTranseuVehicleSize,
  TranseuApiProblem,
} from '../../../electron/main/providers/transeu/wire'

describe('SpotGo', () => {
  it('reads the list as an envelope or as a bare array, the items left for one-by-one reading', () => {
    const items = [{ id: 'a' }, { broken: true }]
    expect(
      SpotGoFreightListLoose.parse({ items, totalCount: 2, page: 1, pageSize: 20 }),
    ).toMatchObject({ items, totalCount: 2, page: 1, pageSize: 20 })
    const bare = SpotGoFreightListLoose.parse(items)
    expect(bare.items).toEqual(items)
    expect(bare.totalCount).toBeUndefined()
    // Paging facts that cannot be read are unknown, not a failed page.
    expect(SpotGoFreightListLoose.parse({ items, totalCount: 'many' }).totalCount).toBeUndefined()
    expect(() => SpotGoFreightListLoose.parse({ items: 'nope' })).toThrow()
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
