import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/errors'
import {
  ProviderError,
  providerErrorKinds,
  readProblem,
  redact,
  safeDetail,
  toAppError,
  type ProviderErrorKind,
} from '../../../electron/main/providers/errors'

describe('readProblem', () => {
  it('reads RFC 7807 ProblemDetails with field errors and dots the bracket paths (SpotGo)', () => {
    const problem = readProblem({
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
      title: 'One or more validation errors occurred.',
      status: 400,
      detail: 'See errors for what to correct.',
      traceId: '00-abc-def-00',
      errors: {
        'locations[1].period.endDate': ['The end date must be after the start date.'],
        urlExpirationTime: ['A link may live at most 30 days (30.00:00:00).'],
      },
    })
    expect(problem.fields).toEqual({
      'locations.1.period.endDate': ['The end date must be after the start date.'],
      urlExpirationTime: ['A link may live at most 30 days (30.00:00:00).'],
    })
    expect(problem.detail).toBe('See errors for what to correct.')
  })

  it("reads SpotGo's ErrorViewModel, with and without field entries", () => {
    expect(
      readProblem({
        message: 'Validation failed.',
        errors: [
          { field: 'payment.currency', message: 'Unknown currency.' },
          { field: null, message: 'The freight is locked.' },
        ],
      }),
    ).toEqual({
      detail: 'Validation failed.',
      fields: { 'payment.currency': ['Unknown currency.'], '': ['The freight is locked.'] },
    })
    expect(readProblem({ message: 'The service is having trouble.', errors: [] })).toEqual({
      detail: 'The service is having trouble.',
    })
  })

  it("reads Trans.eu's validation_messages in the rule form", () => {
    const problem = readProblem({
      type: 'http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html',
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'Failed Validation',
      validation_messages: {
        sortBy: {
          notInArray:
            'Allowed values: status, created_at, loading_date, unloading_date, archived_at',
        },
        filter: { loading_place: { country: { regexNotMatch: 'Use the lower-case code.' } } },
      },
    })
    expect(problem.fields).toEqual({
      sortBy: ['Allowed values: status, created_at, loading_date, unloading_date, archived_at'],
      'filter.loading_place.country': ['Use the lower-case code.'],
    })
  })

  it("reads Trans.eu's validation_messages in the validation_error form", () => {
    const problem = readProblem({
      status: 422,
      detail: 'Failed Validation',
      validation_messages: {
        capacity: { validation_error: { isEmpty: "Value is required and can't be empty" } },
        spots: {
          '0': {
            place: {
              address: {
                postal_code: {
                  validation_error: { notGeocoded: 'The address could not be found.' },
                },
              },
            },
          },
        },
      },
    })
    expect(problem.fields).toEqual({
      capacity: ["Value is required and can't be empty"],
      'spots.0.place.address.postal_code': ['The address could not be found.'],
    })
  })

  it('reads OAuth errors, Crego details and Crego field lists', () => {
    expect(
      readProblem({
        error: 'invalid_grant',
        error_description: 'The refresh token was already used.',
      }),
    ).toEqual({ code: 'invalid_grant', detail: 'The refresh token was already used.' })
    expect(
      readProblem({ detail: 'Given token not valid for any token type', code: 'token_not_valid' }),
    ).toEqual({
      detail: 'Given token not valid for any token type',
      code: 'token_not_valid',
    })
    expect(
      readProblem({
        expires_at: ['Expiry must be in the future.'],
        non_field_errors: ['The document is archived.'],
        files: [{ name: ['Too long.'] }],
      }),
    ).toEqual({
      fields: {
        expires_at: ['Expiry must be in the future.'],
        '': ['The document is archived.'],
        'files.name': ['Too long.'],
      },
    })
  })

  it('makes nothing of bodies that are not error objects', () => {
    expect(readProblem(null)).toEqual({})
    expect(readProblem('Internal Server Error')).toEqual({})
    expect(readProblem([1, 2])).toEqual({})
    expect(readProblem({ unexpected: 42 })).toEqual({})
  })
})

describe('ProviderError and toAppError', () => {
  const expected: Record<ProviderErrorKind, AppError['code']> = {
    offline: 'offline',
    timeout: 'offline',
    auth: 'auth_required',
    forbidden: 'provider_error',
    rate_limited: 'rate_limited',
    validation: 'validation',
    not_found: 'not_found',
    gone: 'not_found',
    conflict: 'conflict',
    rejected: 'provider_error',
    bad_response: 'provider_error',
    server: 'provider_error',
  }

  it.each(providerErrorKinds)('maps the %s kind to its AppError code', (kind) => {
    const error = new ProviderError({
      provider: 'transeu',
      kind,
      status: 400,
      message: 'Trans.eu did not accept it.',
      fields: { 'spots.0.place': ['Unknown place.', 'Send coordinates.'] },
      retryAfterSeconds: 3,
    })
    const appError = AppError.parse(toAppError(error))
    expect(appError).toEqual({
      code: expected[kind],
      message: 'Trans.eu did not accept it.',
      provider: 'transeu',
      fields: { 'spots.0.place': 'Unknown place. Send coordinates.' },
      retryAfterSeconds: 3,
    })
    expect(error.error).toEqual(appError)
  })

  it('gives anything else a safe internal error', () => {
    const appError = toAppError(new Error('secret-token-123456 at line 4'), 'crego')
    expect(appError.code).toBe('internal')
    expect(appError.message).not.toContain('secret')
    expect(appError.provider).toBe('crego')
  })
})

describe('redaction', () => {
  it('replaces every secret in a detail and drops markup or JSON', () => {
    expect(redact('token abcdef123 and abcdef123', ['abcdef123'])).toBe(
      'token [redacted] and [redacted]',
    )
    expect(safeDetail('Bad key sg_SECRET_KEY_1 sent', ['sg_SECRET_KEY_1'])).toBe(
      'Bad key [redacted] sent',
    )
    expect(safeDetail('<html><body>502</body></html>', [])).toBe('')
    expect(safeDetail('{"error": "x"}', [])).toBe('')
    expect(safeDetail('x'.repeat(500), []).length).toBeLessThanOrEqual(300)
  })
})
