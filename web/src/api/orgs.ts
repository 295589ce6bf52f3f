// Organisations (GET/POST /api/v1/orgs, GET/PATCH /api/v1/orgs/{id}, POST …/deactivate)
// and the enumerations of the organisation model that other modules share.
import { endpoint, type CallOptions, type RequestBody } from './request'
import type { Page, PageQuery } from './paging'
import type { components } from './schema'

type Schemas = components['schemas']

export const ORG_KINDS = ['bureau', 'agency', 'station', 'department', 'partner'] as const satisfies readonly Schemas['OrgKind'][]
/** 民政局 社工机构 社工站 部门 合作方 */
export type OrgKind = Schemas['OrgKind']

export const AGENCY_TYPES = ['comprehensive', 'specialised', 'community'] as const satisfies readonly Schemas['AgencyType'][]
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
] as const satisfies readonly Schemas['Role'][]
/** A role a user holds in an organisation. */
export type Role = Schemas['Role']

/** `agency_type` is '' for an organisation that is not an agency. */
export type Org = Schemas['Org']

export type OrgSort = 'name' | '-name' | 'created_at' | '-created_at' | 'id' | '-id'

export interface OrgListQuery extends PageQuery {
  kind?: OrgKind
  parent_id?: number
  active?: boolean
  q?: string
  sort?: OrgSort
}

export type OrgInput = RequestBody<'/api/v1/orgs', 'post'>
export type OrgPatch = RequestBody<'/api/v1/orgs/{id}', 'patch'>

const list = endpoint('GET', '/api/v1/orgs')
const create = endpoint('POST', '/api/v1/orgs')
const one = endpoint('GET', '/api/v1/orgs/{id}')
const patch = endpoint('PATCH', '/api/v1/orgs/{id}')
const deactivate = endpoint('POST', '/api/v1/orgs/{id}/deactivate')

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
