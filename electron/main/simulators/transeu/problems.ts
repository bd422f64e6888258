/**
 * Trans.eu's error bodies: the API problem (`{type, title, status, detail}`), its 422 form with
 * `validation_messages`, and the OAuth error of the token endpoint.
 */
import type { z } from 'zod'
import { jsonReply, type Reply } from '../http/router'
import type { ValidationMessageTree } from './shapes'

const problemType = 'http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html'
const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
}

export function apiProblem(
  status: number,
  detail: string,
  headers: Record<string, string> = {},
): Reply {
  const body = { type: problemType, title: titles[status] ?? 'Error', status, detail }
  return jsonReply(status, body, { 'content-type': 'application/problem+json', ...headers })
}

/** 422 "Failed Validation" with the messages per field. */
export function validationProblem(messages: ValidationMessageTree): Reply {
  const body = {
    type: problemType,
    title: titles[422],
    status: 422,
    detail: 'Failed Validation',
    validation_messages: messages,
  }
  return jsonReply(422, body, { 'content-type': 'application/problem+json' })
}

/** RFC 6749 error of the token endpoint. */
export function oauthError(status: number, error: string, description: string): Reply {
  const body = { error, error_description: description }
  return jsonReply(status, body, { 'cache-control': 'no-store', pragma: 'no-cache' })
}

/** Collects `validation_messages`, nested by field path. */
export class ValidationMessages {
  readonly messages: ValidationMessageTree = {}

  /**
   * Adds a message at `path` under `rule`. `form: 'validation_error'` wraps the rules of that
   * field in a `validation_error` key (the platform's second form); `'rules'` does not.
   */
  add(
    path: readonly PropertyKey[],
    rule: string,
    message: string,
    form: 'rules' | 'validation_error' = 'rules',
  ): this {
    let node = this.messages as Record<string, unknown>
    for (const key of path) {
      const next = (node[String(key)] ??= {}) as Record<string, unknown>
      node = next
    }
    if (form === 'validation_error')
      node = (node.validation_error ??= {}) as Record<string, unknown>
    node[rule] = message
    return this
  }

  /** Adds every zod issue, naming the rule after the issue. */
  addIssues(
    issues: readonly z.core.$ZodIssue[],
    prefix: readonly PropertyKey[],
    form: 'rules' | 'validation_error',
  ): this {
    for (const issue of issues) {
      const paths =
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => [...issue.path, key])
          : [issue.path]
      for (const path of paths) this.add([...prefix, ...path], ruleName(issue), issue.message, form)
    }
    return this
  }

  get empty(): boolean {
    return Object.keys(this.messages).length === 0
  }
}

/** Laminas-style rule names for zod issues. */
function ruleName(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'isEmpty' : 'invalidType'
    case 'invalid_value':
      return 'notInArray'
    case 'unrecognized_keys':
      return 'notAllowed'
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array' ? 'isEmpty' : 'notGreaterThan'
    case 'too_big':
      return 'notLessThan'
    case 'invalid_format':
      return issue.format === 'regex' ? 'regexNotMatch' : 'invalidFormat'
    default:
      return 'callbackValue'
  }
}
