/**
 * The bridge used when the page runs in a browser against the web host: one POST per call and one
 * server-sent event stream, authorised by the per-run token the host printed in the URL fragment.
 */
import type { FreightdeskBridge } from '@shared/bridge'
import type { AppError } from '@shared/errors'
import { WireResult } from '@shared/result'
import type { Result } from '@shared/result'

const tokenKey = 'freightdesk.web-token'

/** Takes the token from `#token=...` (then hides it from the address bar) or from this tab's session. */
export function takeWebToken(
  location: Location,
  storage: Storage,
  history: History,
): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token')
  if (fromHash) {
    storage.setItem(tokenKey, fromHash)
    history.replaceState(null, '', location.pathname + location.search)
    return fromHash
  }
  return storage.getItem(tokenKey)
}

const hostDown: AppError = {
  code: 'internal',
  message:
    'Freightdesk is not answering this page. Start Freightdesk again, then open the address it shows.',
}
const noToken: AppError = {
  code: 'validation',
  message:
    'This page needs the full address Freightdesk showed when it started: that address carries a one-time key. Open it from there.',
}

export function createHttpBridge(token: string | null): FreightdeskBridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let stream: AbortController | null = null
  // Settles when the event stream first answers (or fails): a call sent before that could cause an
  // event the page never hears (an account's first probe answering while the stream connects).
  let streamAnswered: Promise<void> = Promise.resolve()
  let markAnswered = () => {}

  async function invoke(channel: string, input: unknown): Promise<Result<unknown>> {
    if (!token) return { ok: false, error: noToken }
    await streamAnswered
    let response: Response
    try {
      response = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ input }),
      })
    } catch {
      return { ok: false, error: hostDown }
    }
    if (response.status === 403) return { ok: false, error: noToken }
    const parsed = WireResult.safeParse(await response.json().catch(() => null))
    return parsed.success ? parsed.data : { ok: false, error: hostDown }
  }

  function dispatch(frame: string): void {
    let name = 'message'
    const data: string[] = []
    for (const line of frame.split('\n')) {
      if (line.startsWith('event: ')) name = line.slice(7)
      else if (line.startsWith('data: ')) data.push(line.slice(6))
    }
    if (data.length === 0) return
    const payload = JSON.parse(data.join('\n')) as unknown
    for (const listener of listeners.get(name) ?? []) listener(payload)
  }

  async function readStream(signal: AbortSignal): Promise<void> {
    let delayMs = 500
    while (!signal.aborted) {
      try {
        const response = await fetch('/api/events', {
          headers: { authorization: `Bearer ${token ?? ''}` },
          signal,
        })
        markAnswered()
        if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`)
        delayMs = 500
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
        let buffer = ''
        for (;;) {
          const { value, done } = await reader.read()
          if (done) break
          buffer += value
          let end = buffer.indexOf('\n\n')
          while (end >= 0) {
            dispatch(buffer.slice(0, end))
            buffer = buffer.slice(end + 2)
            end = buffer.indexOf('\n\n')
          }
        }
      } catch {
        markAnswered()
        if (signal.aborted) return
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs))
      delayMs = Math.min(delayMs * 2, 10_000)
    }
  }

  function on(event: string, listener: (payload: unknown) => void): () => void {
    let set = listeners.get(event)
    if (!set) listeners.set(event, (set = new Set()))
    set.add(listener)
    if (!stream && token) {
      stream = new AbortController()
      streamAnswered = new Promise((resolve) => (markAnswered = resolve))
      void readStream(stream.signal)
    }
    return () => {
      set.delete(listener)
      if ([...listeners.values()].every((each) => each.size === 0)) {
        stream?.abort()
        stream = null
        markAnswered()
      }
    }
  }

  return { invoke, on }
}
