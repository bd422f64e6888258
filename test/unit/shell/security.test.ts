import { describe, expect, it } from 'vitest'
import { isSafeSignInUrl } from '../../../electron/main/security'

describe('which sign-in pages main opens in the system browser', () => {
  it('opens https pages and the simulators on 127.0.0.1 only', () => {
    expect(isSafeSignInUrl('https://auth.platform.trans.eu/oauth2/auth?client_id=x')).toBe(true)
    expect(isSafeSignInUrl('http://127.0.0.1:4100/oauth2/auth?client_id=x')).toBe(true)
    for (const refused of [
      'http://auth.platform.trans.eu/oauth2/auth',
      'http://localhost:4100/oauth2/auth',
      'http://127.0.0.1.evil.example/oauth2/auth',
      'https://user:pass@auth.platform.trans.eu/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isSafeSignInUrl(refused), refused).toBe(false)
    }
  })
})
