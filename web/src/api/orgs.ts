// Organisations (GET/POST /api/v1/orgs, GET/PATCH /api/v1/orgs/{id}, POST …/deactivate)
// and the enumerations of the organisation model that other modules share.
import { endpoint, type CallOptions } from './request'
import type { Page, PageQuery } from './paging'

export const ORG_KINDS = ['bureau', 'agency', 'station', 'department', 'partner'] as const
/** 民政局 社工机构 社工站 部门 合作方 */
export type OrgKind = (typeof ORG_KINDS)[number]

export const AGENCY_TYPES = ['comprehensive', 'specialised', 'community'] as const
/** 综合型 特色型 社区型 (agencies only) */
export type AgencyType = (typeof AGENCY_TYPES)[number]

export const ROLES = [
  'admin',
  'leader',
  'supervisor',
  'worker',
  'operator',
  'commander',
  'expert',
  'volunteer',
  'bureau_officer',
] as const
/** A role a user holds in an organisation. */
export type Role = (typeof ROLES)[number]

export interface Org {
  id: number
  parent_id: number | null
  kind: OrgKind
  agency_type: AgencyType | ''
  name: string
  region_id: number | null
  contact_phone: string
  address: string
  active: boolean
  created_at: string
  updated_at: string
}

export type OrgSort = 'name' | '-name' | 'created_at' | '-created_at' | 'id' | '-id'

export interface OrgListQuery extends PageQuery {
  kind?: OrgKind
  parent_id?: number
  active?: boolean
  q?: string
  sort?: OrgSort
}

export interface OrgInput {
  parent_id?: number
  kind: OrgKind
  agency_type?: AgencyType
  name: string
  region_id?: number
  contact_phone?: string
  address?: string
}

export interface OrgPatch {
  parent_id?: number
  agency_type?: AgencyType | ''
  name?: string
  region_id?: number | null
  contact_phone?: string
  address?: string
  active?: boolean
}

const list = endpoint<Page<Org>>('GET', '/api/v1/orgs')
const create = endpoint<Org, OrgInput>('POST', '/api/v1/orgs')
const one = endpoint<Org>('GET', '/api/v1/orgs/{id}')
const patch = endpoint<Org, OrgPatch>('PATCH', '/api/v1/orgs/{id}')
const deactivate = endpoint<Org>('POST', '/api/v1/orgs/{id}/deactivate')

export function getOrgList(query: OrgListQuery = {}, options?: CallOptions): Promise<Page<Org>> {
  return list({ query: { ...query }, ...options })
}

export function getOrg(id: number, options?: CallOptions): Promise<Org> {
  return one({ params: { id }, ...options })
}

export function createOrg(input: OrgInput, options?: CallOptions): Promise<Org> {
  return create({ body: input, ...options })
}

export function updateOrg(id: number, changes: OrgPatch, options?: CallOptions): Promise<Org> {
  return patch({ params: { id }, body: changes, ...options })
}

export function deactivateOrg(id: number, options?: CallOptions): Promise<Org> {
  return deactivate({ params: { id }, ...options })
}
