/** The decision behind "quitting with a non-empty outbox asks first", without Electron. */
import { describe, expect, it } from 'vitest'
import {
  createQuitGuard,
  quitQuestion,
  type QuitQuestion,
} from '../../../electron/main/sync/quit-guard'

function setup(counts: { pending: number; failed: number }, answer: boolean) {
  const asked: QuitQuestion[] = []
  let quits = 0
  let release: (value: boolean) => void = () => undefined
  const guard = createQuitGuard({
    counts: () => counts,
    ask: (question) => {
      asked.push(question)
      return new Promise<boolean>((resolve) => {
        release = resolve
      })
    },
    quit: () => {
      quits++
      // Electron emits before-quit again for the quit the guard starts.
      expect(guard.beforeQuit()).toBe(false)
    },
  })
  return { guard, asked, quits: () => quits, answer: () => release(answer) }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('quit guard', () => {
  it('lets the app quit at once when the outbox is empty', () => {
    const { guard, asked } = setup({ pending: 0, failed: 0 }, true)
    expect(guard.beforeQuit()).toBe(false)
    expect(asked).toEqual([])
  })

  it('stops the quit, asks once, and quits when the dispatcher agrees', async () => {
    const { guard, asked, quits, answer } = setup({ pending: 2, failed: 1 }, true)
    expect(guard.beforeQuit()).toBe(true)
    // A second quit request while the question is open does not ask twice.
    expect(guard.beforeQuit()).toBe(true)
    expect(asked).toHaveLength(1)
    expect(asked[0]?.message).toBe('3 changes have not been sent to the provider yet.')
    expect(asked[0]?.detail).toMatch(/^2 waiting for the provider to be reachable, 1 refused/)
    answer()
    await settle()
    expect(quits()).toBe(1)
  })

  it('stays when the dispatcher says so, and asks again at the next quit', async () => {
    const { guard, asked, quits, answer } = setup({ pending: 1, failed: 0 }, false)
    expect(guard.beforeQuit()).toBe(true)
    answer()
    await settle()
    expect(quits()).toBe(0)
    expect(guard.beforeQuit()).toBe(true)
    expect(asked).toHaveLength(2)
  })

  it('words one change in the singular', () => {
    expect(quitQuestion(1, 0).message).toBe('1 change has not been sent to the provider yet.')
    expect(quitQuestion(0, 1).detail).toMatch(/^1 refused by the provider\./)
  })
})
