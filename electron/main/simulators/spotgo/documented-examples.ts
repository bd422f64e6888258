/**
 * The provider's documented examples for SpotGo's `POST /api/v1/freights/share`: the example
 * request body and the example answer (200), transcribed as the documentation shows them (the
 * comments inside its request left out). The simulator answers with the example when asked to
 * (`documentedExamples`); the contract tests read them too.
 */
import type { ShareAnswer } from './shapes'

/** The documented example request body. */
export const documentedShareRequest = {
  freightIds: ['3fa85f64-5717-4562-b3fc-2c963f66afa6'],
  urlExpirationTime: '02:00:00',
  ownerEmail: 'petras@spotgo.eu',
}

/** The documented example answer: the link is on the app host, its token URL-encoded. */
export const documentedShareAnswer: ShareAnswer = {
  url: 'https://app-test.spotgo.eu/public/freights?token=MDE5OGJjNTgtYzY4My00M2ZjLWJhYzItZTEzYzQyYWNhMGFlLjA4LzE4LzIwMjUgMDg6NDM6MTEgKzAwOjAwLjA4LzE4LzIwMjUgMTA6NDM6MTEgKzAwOjAw.uLF15iy%2BFGPUA0lX4mcGuA%3D%3D',
  validUntil: '2025-08-18T08:37:51.248Z',
}
