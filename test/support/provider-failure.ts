import { isProviderError, type ProviderError } from '../../electron/main/providers/errors'

/**
 * The provider error a call fails with. A call that succeeds fails the test, and so does a
 * failure that is not a provider error (it is thrown again as it was).
 */
export async function providerFailure(promise: Promise<unknown>): Promise<ProviderError> {
  const error: unknown = await promise.then(
    () => {
      throw new Error('expected the call to fail')
    },
    (thrown: unknown) => thrown,
  )
  if (!isProviderError(error)) throw error
  return error
}
