// The six-stage case (个案) and its work: GET/POST /api/v1/cases, the stage
// forms, transitions, approvals, service records, timeline, follow-ups,
// attachments, the worklist, and an agency's deadlines and extra form fields.
// See docs/cases.md for the rules behind each call.
import type { Page, PageQuery } from './paging'
import {
  endpoint,
  fileEndpoint,
  uploadEndpoint,
  type CallOptions,
  type DownloadedFile,
} from './request'

export const STAGES = ['intake', 'assessment', 'planning', 'intervention', 'evaluation', 'closed'] as const
export type Stage = (typeof STAGES)[number]

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]

export const SERVICE_MODES = ['face_to_face', 'home_visit', 'phone', 'online', 'group'] as const
export type ServiceMode = (typeof SERVICE_MODES)[number]

export type ApprovalStatus = 'pending' | 'approved' | 'rejected'

export interface Person {
  id: number
  name: string
}

/** A case's move waiting for a supervisor. */
export interface PendingApproval {
  id: number
  to: Stage
  /** Who asked for the move and when (local ISO time). */
  requested_by: Person
  requested_at: string
}

/** Times are local (Asia/Shanghai) ISO strings with offset, e.g. "2026-12-02T23:59:59+08:00". */
export interface Case {
  id: number
  org_id: number
  org_name: string
  client_id: number
  client_name: string
  stage: Stage
  risk: RiskLevel
  crisis: boolean
  /** The intake's presenting problem. */
  problem: string
  primary_worker: Person
  co_worker: Person | null
  supervisor: Person | null
  opened_at: string
  /** When the case entered each later stage (null: not reached). */
  stage_started_at: Record<Exclude<Stage, 'intake'>, string | null>
  first_contact_at: string | null
  /** The deadline now running, or null. */
  due_at: string | null
  overdue: boolean
  days_overdue: number
  closure_reason: string | null
  reopen_count: number
  service_count: number
  /** The move waiting for a supervisor, if any. */
  pending_approval: PendingApproval | null
  updated_at: string
}

export type CaseSort =
  | 'opened_at'
  | '-opened_at'
  | 'due_at'
  | '-due_at'
  | 'updated_at'
  | '-updated_at'
  | 'client_name'
  | '-client_name'
  | 'risk'
  | '-risk'

export interface CaseListQuery extends PageQuery {
  /** A stage, or "open" for every stage but closed. */
  stage?: Stage | 'open'
  risk?: RiskLevel
  worker_id?: number
  client_id?: number
  /** A client category ("elderly", …). */
  category?: string
  /** The client's region or any below it. */
  region_id?: number
  /** The organisation or any below it. */
  org_id?: number
  overdue?: boolean
  /** Local dates YYYY-MM-DD, both inclusive. */
  opened_from?: string
  opened_to?: string
  /** Chinese substring of the client's name or the problem. */
  q?: string
  sort?: CaseSort
}

export interface CaseInput {
  client_id: number
  org_id?: number
  primary_worker_id?: number
  co_worker_id?: number
  supervisor_id?: number
  risk?: RiskLevel
}

/** A JSON Schema (draft-07 subset plus Jieli's x-* keywords; see src/modules/cases/form_schema.hpp). */
export interface FormSchema {
  type?: string | string[]
  title?: string
  description?: string
  properties?: Record<string, FormSchema>
  required?: string[]
  items?: FormSchema
  enum?: (string | number)[]
  'x-enum-labels'?: string[]
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  format?: 'date'
  readOnly?: boolean
  'x-prefill'?: string
  'x-required-if'?: Record<string, unknown>
  'x-unique'?: string
  'x-not-before'?: string
  'x-agency'?: boolean
  'x-stage'?: Stage
  /** An object's property names in the order of the form. */
  'x-order'?: string[]
}

export type FormData = Record<string, unknown>

export interface StageForm {
  stage: Stage
  schema: FormSchema
  /** What is saved, prefilled where empty from the client record and earlier stages. */
  data: FormData
  saved: boolean
  editable: boolean
  /** Paths of required fields still empty in what is saved ("goals[0].levels[2].description"). */
  missing: string[]
  /** Paths of filled-in sensitive fields ("x-sensitive": health, family, risk details) left out of
   *  `data`: the caller may not read case notes. */
  withheld?: string[]
  updated_at: string | null
}

export interface Approval {
  id: number
  case_id: number
  org_id: number
  client_name: string
  from: Stage
  to: Stage
  status: ApprovalStatus
  requested_by: Person
  requested_at: string
  decided_by: Person | null
  decided_at: string | null
  comment: string
}

export interface MoveResult {
  case: Case
  /** Set when the move waits for a supervisor (HTTP 202). */
  approval: Approval | null
}

export interface ServiceInput {
  /** YYYY-MM-DD, not in the future, not before the case opened. */
  date: string
  /** 1–1440. */
  minutes: number
  mode: ServiceMode
  content: string
  technique?: string
  progress_note?: string
}

export interface ServiceRecord extends Required<Omit<ServiceInput, 'progress_note'>> {
  id: number
  case_id: number
  /** null when the caller may not read case notes (note_hidden). */
  progress_note: string | null
  note_hidden: boolean
  created_by: Person
  created_at: string
}

export interface TimelineEvent {
  id: number
  at: string
  actor: Person | null
  /** opened, stage_saved, moved, approval_requested, approved, rejected, service_added,
   *  transferred, reopened, followup_done, attachment_added; escalated (by the system, actor null:
   *  data stage, due_at, days) */
  kind: string
  data: Record<string, unknown>
}

export interface FollowUp {
  id: number
  case_id: number
  due_on: string
  status: 'due' | 'done'
  done_at: string | null
  done_by: Person | null
  note: string
}

export interface Attachment {
  id: number
  case_id: number
  file_name: string
  content_type: string
  size: number
  sha256: string
  uploaded_by: Person
  uploaded_at: string
}

export interface WorkItem {
  kind: 'deadline' | 'approval' | 'followup'
  case_id: number
  client_name: string
  stage: Stage
  risk: RiskLevel
  due_at: string | null
  since: string
  overdue: boolean
  days_overdue: number
  approval_id: number | null
  approval_to: Stage | null
  followup_id: number | null
}

/** A page of the worklist, oldest due first; total and overdue count all of it. */
export interface Worklist {
  items: WorkItem[]
  total: number
  page: number
  page_size: number
  overdue: number
}

export interface DeadlinePolicy {
  assessment_days: number
  planning_days: number
  closure_days: number
  crisis_first_contact_hours: number
}

/** An agency's own fields of a stage form: new properties, which fields are required, and the
 *  order of the new properties on the form (JSON objects keep no order; the server appends them
 *  to the form's x-order in this order). */
export interface AgencyFields {
  properties: Record<string, FormSchema>
  required?: string[]
  'x-order'?: string[]
}

export interface AgencyFormFields {
  fields: AgencyFields
  /** The built-in template extended with the fields. */
  schema: FormSchema
}

interface Items<T> {
  items: T[]
}

const list = endpoint<Page<Case>>('GET', '/api/v1/cases')
const open = endpoint<Case, CaseInput>('POST', '/api/v1/cases')
const one = endpoint<Case>('GET', '/api/v1/cases/{id}')
const stageForm = endpoint<StageForm>('GET', '/api/v1/cases/{id}/stages/{stage}')
const saveForm = endpoint<StageForm, { data: FormData; draft: boolean }>('PUT', '/api/v1/cases/{id}/stages/{stage}')
const transition = endpoint<MoveResult, { to: Stage }>('POST', '/api/v1/cases/{id}/transitions')
const transfer = endpoint<Case, { worker_id: number; reason?: string; supervisor_id?: number }>(
  'POST',
  '/api/v1/cases/{id}/transfer',
)
const supervise = endpoint<Case, { supervisor_id: number; reason?: string }>('PUT', '/api/v1/cases/{id}/supervisor')
const reopen = endpoint<Case, { reason: string }>('POST', '/api/v1/cases/{id}/reopen')
const services = endpoint<Page<ServiceRecord>>('GET', '/api/v1/cases/{id}/services')
const addService = endpoint<ServiceRecord, ServiceInput>('POST', '/api/v1/cases/{id}/services')
const timeline = endpoint<Page<TimelineEvent>>('GET', '/api/v1/cases/{id}/timeline')
const followups = endpoint<Items<FollowUp>>('GET', '/api/v1/cases/{id}/followups')
const completeFollowUp = endpoint<FollowUp, { note: string }>('POST', '/api/v1/followups/{id}/complete')
const attachments = endpoint<Items<Attachment>>('GET', '/api/v1/cases/{id}/attachments')
const attach = uploadEndpoint<Attachment>('POST', '/api/v1/cases/{id}/attachments')
const download = fileEndpoint('GET', '/api/v1/attachments/{id}')
const approvals = endpoint<Page<Approval>>('GET', '/api/v1/approvals')
const decide = endpoint<Approval, { decision: 'approve' | 'reject'; comment?: string }>(
  'POST',
  '/api/v1/approvals/{id}/decision',
)
const worklist = endpoint<Worklist>('GET', '/api/v1/worklist')
const policy = endpoint<DeadlinePolicy>('GET', '/api/v1/orgs/{id}/case-policy')
const setPolicy = endpoint<DeadlinePolicy, DeadlinePolicy>('PUT', '/api/v1/orgs/{id}/case-policy')
const formFields = endpoint<AgencyFormFields>('GET', '/api/v1/orgs/{id}/case-forms/{stage}')
const setFormFields = endpoint<AgencyFormFields, AgencyFields>('PUT', '/api/v1/orgs/{id}/case-forms/{stage}')

export function getCaseList(query: CaseListQuery = {}, options?: CallOptions): Promise<Page<Case>> {
  return list({ query: { ...query }, ...options })
}

/** Opens a case in intake. Errors: validation.failed (client_id not_found, team members not_eligible),
 *  cases.client_has_open_case (params.existing_id). */
export function openCase(input: CaseInput, options?: CallOptions): Promise<Case> {
  return open({ body: input, ...options })
}

export function getCase(id: number, options?: CallOptions): Promise<Case> {
  return one({ params: { id }, ...options })
}

export function getStageForm(id: number, stage: Stage, options?: CallOptions): Promise<StageForm> {
  return stageForm({ params: { id, stage }, ...options })
}

/** Saves a stage's form; a draft may be incomplete. Errors: validation.failed (paths into data),
 *  case.closed, case.approval_pending, cases.stage_not_editable, cases.changed. */
export function saveStageForm(
  id: number,
  stage: Stage,
  data: FormData,
  draft: boolean,
  options?: CallOptions,
): Promise<StageForm> {
  return saveForm({ params: { id, stage }, body: { data, draft }, ...options })
}

/** Moves the case on, or asks for approval (then `approval` is set). Errors: case.stage_incomplete
 *  (details name the missing paths), case.invalid_transition, case.approval_pending,
 *  case.no_service_records, case.closed. */
export function moveCase(id: number, to: Stage, options?: CallOptions): Promise<MoveResult> {
  return transition({ params: { id }, body: { to }, ...options })
}

export function transferCase(id: number, workerId: number, reason = '', options?: CallOptions): Promise<Case> {
  return transfer({ params: { id }, body: { worker_id: workerId, reason }, ...options })
}

/** A leader names the case's supervisor (cases.assign). Errors: case.supervisor_unchanged; a field
 *  issue on supervisor_id when they are on the team or may not approve there. */
export function changeCaseSupervisor(id: number, supervisorId: number, reason = '', options?: CallOptions): Promise<Case> {
  return supervise({ params: { id }, body: { supervisor_id: supervisorId, reason }, ...options })
}

export function reopenCase(id: number, reason: string, options?: CallOptions): Promise<Case> {
  return reopen({ params: { id }, body: { reason }, ...options })
}

export function getServiceRecords(id: number, query: PageQuery = {}, options?: CallOptions): Promise<Page<ServiceRecord>> {
  return services({ params: { id }, query: { ...query }, ...options })
}

export function addServiceRecord(id: number, input: ServiceInput, options?: CallOptions): Promise<ServiceRecord> {
  return addService({ params: { id }, body: input, ...options })
}

export function getTimeline(id: number, query: PageQuery = {}, options?: CallOptions): Promise<Page<TimelineEvent>> {
  return timeline({ params: { id }, query: { ...query }, ...options })
}

export async function getFollowUps(id: number, options?: CallOptions): Promise<FollowUp[]> {
  return (await followups({ params: { id }, ...options })).items
}

export function completeFollowUpTask(followupId: number, note: string, options?: CallOptions): Promise<FollowUp> {
  return completeFollowUp({ params: { id: followupId }, body: { note }, ...options })
}

export async function getAttachments(id: number, options?: CallOptions): Promise<Attachment[]> {
  return (await attachments({ params: { id }, ...options })).items
}

/** Uploads a file (PDF, JPEG, PNG, .docx, .xlsx, .txt; at most 10 MB; judged by content).
 *  Errors: cases.attachment_type, cases.attachment_too_large, cases.attachment_empty. */
export function uploadAttachment(
  id: number,
  file: File,
  onProgress?: (sent: number, total: number) => void,
  options?: CallOptions,
): Promise<Attachment> {
  return attach({
    params: { id },
    query: { name: file.name },
    file,
    contentType: file.type || 'application/octet-stream',
    onProgress,
    ...options,
  })
}

/** Downloads a file (audited; the team, supervisors and leaders only). */
export function downloadAttachment(attachmentId: number, options?: CallOptions): Promise<DownloadedFile> {
  return download({ params: { id: attachmentId }, ...options })
}

export interface ApprovalQuery extends PageQuery {
  status?: ApprovalStatus
  /** Only those waiting for the caller. */
  mine?: boolean
}

export function getApprovals(query: ApprovalQuery = {}, options?: CallOptions): Promise<Page<Approval>> {
  return approvals({ query: { ...query }, ...options })
}

/** Approves, or rejects with a comment (required). Errors: case.self_approval, auth.forbidden,
 *  cases.approval_decided, validation.failed (comment). */
export function decideApproval(
  approvalId: number,
  decision: 'approve' | 'reject',
  comment = '',
  options?: CallOptions,
): Promise<Approval> {
  return decide({ params: { id: approvalId }, body: { decision, comment }, ...options })
}

export function getWorklist(query: { page?: number; page_size?: number } = {}, options?: CallOptions): Promise<Worklist> {
  return worklist({ query: { ...query }, ...options })
}

export function getCasePolicy(orgId: number, options?: CallOptions): Promise<DeadlinePolicy> {
  return policy({ params: { id: orgId }, ...options })
}

export function setCasePolicy(orgId: number, value: DeadlinePolicy, options?: CallOptions): Promise<DeadlinePolicy> {
  return setPolicy({ params: { id: orgId }, body: value, ...options })
}

export function getAgencyFormFields(orgId: number, stage: Stage, options?: CallOptions): Promise<AgencyFormFields> {
  return formFields({ params: { id: orgId, stage }, ...options })
}

export function setAgencyFormFields(
  orgId: number,
  stage: Stage,
  fields: AgencyFields,
  options?: CallOptions,
): Promise<AgencyFormFields> {
  return setFormFields({ params: { id: orgId, stage }, body: fields, ...options })
}

/** The counts behind the home pages' charts, over the cases the caller may read. */
export interface CaseStats {
  by_stage: Record<Stage, number>
  /** Open cases only. */
  by_risk: Record<RiskLevel, number>
  /** Open cases past their deadline. */
  overdue: number
  /** Open cases per primary worker, the busiest first. */
  by_worker: { worker: Person; open: number; overdue: number }[]
  /** The last 12 local months, oldest first ("2026-01"). */
  per_month: { month: string; opened: number; closed: number }[]
}

const stats = endpoint<CaseStats>('GET', '/api/v1/cases/stats')

/** Case counts of an organisation and those below it (all the caller may read when orgId is absent). */
export function getCaseStats(orgId?: number | null, options?: CallOptions): Promise<CaseStats> {
  return stats({ query: { org_id: orgId ?? undefined }, ...options })
}
