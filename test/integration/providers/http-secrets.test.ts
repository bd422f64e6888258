/**
 * What the HTTP layer never lets out: a secret sent to a provider does not come back in an
 * error, a log line or a field message, even from a provider that echoes what it was sent.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { ProviderError } from '../../../electron/main/providers/errors'
import { createHttpClient } from '../../../electron/main/providers/http'
import { createRecordingLogger } from '../../support/recording-logger'
import { providerFailure } from '../../support/provider-failure'

describe('secrets', () => {
  /** A server that echoes what it was sent into its error bodies, as a careless provider might. */
  async function echoServer() {
    const server = http.createServer((request, response) => {
      let body = ''
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
      request.on('end', () => {
        const echoed = `${String(request.headers.authorization)} ${String(request.headers['x-api-key'])} ${body}`
        const status = request.url?.startsWith('/fields') ? 422 : 401
        response.writeHead(status, { 'content-type': 'application/json' })
        response.end(
          JSON.stringify(
            status === 422
              ? { detail: 'Failed Validation', validation_messages: { password: { bad: echoed } } }
              : {
                  detail: `Refused ${echoed}`,
                  error: 'invalid_client',
                  error_description: `No ${echoed}`,
                },
          ),
        )
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    }
  }

  it('keeps credentials and body secrets out of messages, fields and log lines', async () => {
    const server = await echoServer()
    const log = createRecordingLogger()
    const secrets = {
      token: 'access-TOKEN-7f3a9c1e2b',
      apiKey: 'api-KEY-55d0e6c3',
      password: 'hunter2-PASSWORD',
      refresh: 'refresh-TOKEN-a1b2c3d4',
    }
    const client = createHttpClient({
      provider: 'transeu',
      baseUrl: server.url,
      log,
      authHint: 'Sign in again.',
      headers: { authorization: `Bearer ${secrets.token}`, 'x-api-key': secrets.apiKey },
    })
    const errors: ProviderError[] = []
    try {
      errors.push(
        await providerFailure(
          client.json({
            method: 'POST',
            path: '/token',
            form: { password: secrets.password, refresh_token: secrets.refresh },
            secrets: [secrets.password, secrets.refresh],
            action: 'refresh the sign-in',
            schema: z.unknown(),
          }),
        ),
        await providerFailure(
          client.json({
            method: 'POST',
            path: '/fields',
            json: { password: secrets.password },
            secrets: [secrets.password],
            action: 'sign in',
            schema: z.unknown(),
          }),
        ),
      )
    } finally {
      await server.close()
    }
    expect(errors.map((error) => error.kind)).toEqual(['auth', 'validation'])
    const everything = [
      log.text(),
      ...errors.flatMap((error) => [
        error.message,
        JSON.stringify(error.error),
        JSON.stringify(error.fields),
        String(error.cause),
        String(error.stack),
      ]),
    ].join('\n')
    expect(everything).toContain('[redacted]')
    for (const secret of Object.values(secrets)) expect(everything).not.toContain(secret)
  })
})
