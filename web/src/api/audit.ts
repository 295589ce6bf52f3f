// The hash-chained audit log: GET /api/v1/audit (paged, filtered) and GET /api/v1/audit/verify.
import { endpoint, type CallOptions } from './request'
import type { Page, PageQuery } from './paging'
import type { components } from './schema'

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** `changes` is any JSON (usually {field: {before, after}}). */
export type AuditEntry = Omit<components['schemas']['AuditEntry'], 'changes'> & { changes: JsonValue }

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

export type AuditVerifyReport = components['schemas']['AuditVerifyReport']

const list = endpoint('GET', '/api/v1/audit')
const verify = endpoint('GET', '/api/v1/audit/verify')

export function getAuditList(query: AuditListQuery = {}, options?: CallOptions): Promise<Page<AuditEntry>> {
  // The document calls `changes` any JSON; this app reads it as JsonValue.
  return list({ query: { ...query }, ...options }) as Promise<Page<AuditEntry>>
}

export function verifyAuditChain(options?: CallOptions): Promise<AuditVerifyReport> {
  return verify({ ...options })
}
