/**
 * The provider's documented examples for Crego's `POST /documents/{document_id}/shares/`: the
 * example request (its address and body) and the example answer (201), transcribed as the
 * documentation shows them. The simulator answers with the example when asked to
 * (`documentedExamples`); the contract tests read them too.
 */
import type { Share } from './shapes'

/** The documented example request: the document it names, and its body. */
export const documentedShareRequest = {
  documentId: '01JVVJNAVTB19FN3F7W1NHBPT6',
  body: {
    expires_at: '2025-08-01T05:38:35+00:00',
  },
}

/** The documented example answer. */
export const documentedShare: Share = {
  id: '01JQ8TAZ1YRXT3JP01DP9NY0FH',
  tenant_id: '23067dbc-6c62-4203-9014-7100e4ffe811',
  created_by: '6da08401-b1f7-46ec-9013-2a9d7bc6185c',
  updated_by: '',
  created_at: '2025-03-26T14:20:38.277978Z',
  updated_at: '2025-03-26T14:20:38.278006Z',
  expires_at: '2025-04-01T11:08:35.000000Z',
  token: 'fe159e37-c4e8-4f03-ba0e-8b562b78e409',
  document: '01JQ8MZ0P94HR6HSH1DGY5VNH9',
}
