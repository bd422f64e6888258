import { describe, expect, it } from 'vitest'
import { devServerOrigin } from '../../../electron/main/app-protocol'

describe("the dev server's page (npm run dev)", () => {
  it('is taken only from plain http on this computer', () => {
    expect(devServerOrigin('http://localhost:5173/')).toBe('http://localhost:5173')
    expect(devServerOrigin('http://127.0.0.1:5174/index.html')).toBe('http://127.0.0.1:5174')
    expect(devServerOrigin('http://[::1]:5173')).toBe('http://[::1]:5173')
  })

  it('is refused from anywhere else, or when unset', () => {
    for (const url of [
      undefined,
      '',
      'https://localhost:5173',
      'http://192.0.2.1:5173',
      'http://localhost.example.com:5173',
      'file:///tmp/index.html',
      'not a url',
    ]) {
      expect(devServerOrigin(url), String(url)).toBeNull()
    }
  })
})
