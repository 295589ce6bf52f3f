// The hash-chained audit log: GET /api/v1/audit (paged, filtered) and GET /api/v1/audit/verify.
import { endpoint, type CallOptions } from './request'
import type { Page, PageQuery } from './paging'

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export interface AuditEntry {
  id: number
  at: string
  actor_id: number | null
  actor_name: string
  org_id: number | null
  action: string
  entity_type: string
  entity_id: string
  /** {"field": {"before": …, "after": …}} for updates; free JSON otherwise. */
  changes: JsonValue
  request_id: string
  client_address: string
  hash: string
}

export interface AuditListQuery extends PageQuery {
  actor_id?: number
  /** An exact action, or a prefix ending in "." such as "orgs.". */
  action?: string
  entity_type?: string
  entity_id?: string
  /** YYYY-MM-DD (start of that day) or an RFC 3339 time. */
  from?: string
  /** YYYY-MM-DD (through that day) or an RFC 3339 time. */
  to?: string
}

export interface AuditVerifyReport {
  intact: boolean
  checked: number
  first_bad_id: number | null
  problem: string
}

const list = endpoint<Page<AuditEntry>>('GET', '/api/v1/audit')
const verify = endpoint<AuditVerifyReport>('GET', '/api/v1/audit/verify')

export function getAuditList(query: AuditListQuery = {}, options?: CallOptions): Promise<Page<AuditEntry>> {
  return list({ query: { ...query }, ...options })
}

export function verifyAuditChain(options?: CallOptions): Promise<AuditVerifyReport> {
  return verify({ ...options })
}
