import type { Approval } from '@/api/cases'

/** What the decision dialog shows of a request: an inbox row, or the case page's pending request. */
export type DecidableApproval = Pick<Approval, 'id' | 'client_name' | 'from' | 'to' | 'kind' | 'requested_by'>
