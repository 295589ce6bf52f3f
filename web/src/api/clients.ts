// 服务对象 (clients): GET/POST /api/v1/clients, GET/PATCH /api/v1/clients/{id},
// POST …/{id}/reveal (the ID number, phone and household contacts in clear, audited), GET
// …/{id}/profile (the client with their cases, files and one timeline across them), the import
// of an .xlsx or CSV file (preview, then commit) and the .xlsx export of a filtered list. The
// server masks the ID number, phone and household contacts everywhere else.
import type { Page, PageQuery } from './paging'
import {
  endpoint,
  fileEndpoint,
  isApiError,
  uploadEndpoint,
  type CallOptions,
  type DownloadedFile,
  type RequestBody,
} from './request'
import type { components } from './schema'

type Schemas = components['schemas']

export const GENDERS = ['male', 'female', 'other', 'unknown'] as const satisfies readonly Schemas['Gender'][]
export type Gender = Schemas['Gender']

export const CLIENT_CATEGORIES = [
  'elderly',
  'disabled',
  'child',
  'youth',
  'women',
  'migrant_worker',
  'low_income',
  'left_behind',
  'street_child',
  'out_of_school',
  'other',
] as const satisfies readonly Schemas['ClientCategory'][]
/** 老年人 残疾人 儿童 青少年 妇女 农民工 低保/特困 留守 流浪儿童 失学 其他 */
export type ClientCategory = Schemas['ClientCategory']

/** 残疾等级: 一级 (most severe) to 四级, only with the category "disabled". */
export const DISABILITY_LEVELS = [1, 2, 3, 4] as const

/** The consent kinds the app offers; the server takes any short text. */
/** survey: 满意度调查 — withdrawn, the client is sent no survey links and earlier ones stop answering. */
export const CONSENT_KINDS = ['service', 'data_sharing', 'survey'] as const

/** The columns of an import file, in the order of the export and of the server's checks. */
export const IMPORT_COLUMNS = ['name', 'gender', 'birth_date', 'id_number', 'phone', 'address', 'categories', 'notes'] as const
export type ImportColumn = (typeof IMPORT_COLUMNS)[number]

export type HouseholdMember = Schemas['HouseholdMember']

export type Consent = Schemas['Consent']

/** A client record; the ID number and phone masked unless revealed. */
export type Client = Schemas['Client']

export type ClientSort = 'name' | '-name' | 'birth_date' | '-birth_date' | 'created_at' | '-created_at'

/** The filters of the list and the export. */
export interface ClientFilterQuery {
  /** Part of the name, or an exact ID number or phone number. */
  q?: string
  category?: ClientCategory
  gender?: Gender
  region_id?: number
  org_id?: number
  has_risk?: boolean
  sort?: ClientSort
}

export interface ClientListQuery extends ClientFilterQuery, PageQuery {}

/** A client's fields as entered: the ID number and phone in clear. */
/** A client's fields as entered: the ID number and phone in clear; `confirm_not_duplicate` saves even
 *  though the server warned of a possible duplicate (clients.possible_duplicate). */
export type ClientFields = Omit<ClientInput, 'org_id'>

export type ClientInput = RequestBody<'/api/v1/clients', 'post'>

/** Only the fields present change. */
export type ClientPatch = RequestBody<'/api/v1/clients/{id}', 'patch'>

export type RevealedIdentifiers = Schemas['RevealedIdentifiers']

/** The client profile (服务对象档案): the client, the cases the caller may read (newest first), their
 *  files and one timeline across them (newest first). */
export type ClientProfile = Schemas['ClientProfile']

export type ClientTimelineEvent = Schemas['ClientTimelineEvent']

/** One problem of an import row: the column key, the server's Chinese header and the message in the UI language. */
export type ImportIssue = Schemas['ImportIssue']

export type ImportPreviewRow = Schemas['ImportPreviewRow']

export type ImportPreview = Schemas['ImportPreview']

export type ImportResult = Schemas['ImportResult']

const list = endpoint('GET', '/api/v1/clients')
const create = endpoint('POST', '/api/v1/clients')
const one = endpoint('GET', '/api/v1/clients/{id}')
const patch = endpoint('PATCH', '/api/v1/clients/{id}')
const reveal = endpoint('POST', '/api/v1/clients/{id}/reveal')
const profile = endpoint('GET', '/api/v1/clients/{id}/profile')
const exportFile = fileEndpoint('GET', '/api/v1/clients/export')
const importPreview = uploadEndpoint('POST', '/api/v1/clients/import/preview')
const importCommit = uploadEndpoint('POST', '/api/v1/clients/import/commit')

export function getClientList(query: ClientListQuery = {}, options?: CallOptions): Promise<Page<Client>> {
  return list({ query: { ...query }, ...options })
}

export function getClient(id: number, options?: CallOptions): Promise<Client> {
  return one({ params: { id }, ...options })
}

/** The client profile; clients.not_found outside the caller's scope. */
export function getClientProfile(id: number, options?: CallOptions): Promise<ClientProfile> {
  return profile({ params: { id }, ...options })
}

/** Registers a client. Errors: validation.failed, clients.duplicate_id_number, clients.possible_duplicate. */
export function createClient(input: ClientInput, options?: CallOptions): Promise<Client> {
  return create({ body: input, ...options })
}

export function updateClient(id: number, changes: ClientPatch, options?: CallOptions): Promise<Client> {
  return patch({ params: { id }, body: changes, ...options })
}

/** The ID number, phone and household contacts in clear; needs clients.reveal, and the server writes it to the audit log. */
export function revealClient(id: number, options?: CallOptions): Promise<RevealedIdentifiers> {
  return reveal({ params: { id }, ...options })
}

/** The filtered clients as an .xlsx workbook (identifiers masked, formulas neutralised by the server). */
export function exportClients(query: ClientFilterQuery = {}, options?: CallOptions): Promise<DownloadedFile> {
  return exportFile({ query: { ...query }, ...options })
}

export interface ImportUpload extends CallOptions {
  /** The organisation the clients are registered in. */
  orgId: number
  file: File
  onProgress?: (sent: number, total: number) => void
}

/** The Content-Type the server reads a file by: an .xlsx workbook, else CSV. */
export function importContentType(fileName: string): string {
  return fileName.toLowerCase().endsWith('.xlsx')
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : 'text/csv'
}

function uploadCall(upload: ImportUpload) {
  const { orgId, file, onProgress, ...options } = upload
  return { query: { org_id: orgId }, file, contentType: importContentType(file.name), onProgress, ...options }
}

/** Checks every row of the file; nothing is saved. */
export function previewClientImport(upload: ImportUpload): Promise<ImportPreview> {
  return importPreview(uploadCall(upload))
}

/** Imports every row in one transaction; the server refuses (clients.import_has_errors) while any row has a problem. */
export function commitClientImport(upload: ImportUpload): Promise<ImportResult> {
  return importCommit(uploadCall(upload))
}

/** A registered client the server thinks may be the same person (a similar name and the same phone). */
export interface DuplicateCandidate {
  id: number
  /** Masked, e.g. "张*". */
  name: string
  /** Masked. */
  phone: string
  /** When the server names it; otherwise look the client up. */
  org_id?: number
}

/** The candidates of a clients.possible_duplicate error; [] for any other error. */
export function duplicateCandidates(error: unknown): DuplicateCandidate[] {
  if (!isApiError(error) || error.code !== 'clients.possible_duplicate') return []
  return error.details
    .filter((d) => d.field === 'candidates' && d.params?.id)
    .map((d) => {
      const p = d.params ?? {}
      const candidate: DuplicateCandidate = { id: Number(p.id), name: p.name ?? '', phone: p.phone ?? '' }
      if (p.org_id) candidate.org_id = Number(p.org_id)
      return candidate
    })
}

/** The client already registered with the same ID number (clients.duplicate_id_number), or null. */
export function duplicateIdOf(error: unknown): number | null {
  if (!isApiError(error) || error.code !== 'clients.duplicate_id_number') return null
  const id = error.details.find((d) => d.params?.existing_id)?.params?.existing_id
  return id ? Number(id) : null
}
