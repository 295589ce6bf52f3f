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
  type RequestBody,
  type ResponseBody,
} from './request'
import type { components } from './schema'

type Schemas = components['schemas']

export const STAGES = ['intake', 'assessment', 'planning', 'intervention', 'evaluation', 'closed'] as const satisfies readonly Schemas['Stage'][]
export type Stage = Schemas['Stage']

export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const satisfies readonly Schemas['RiskLevel'][]
export type RiskLevel = Schemas['RiskLevel']

export const SERVICE_MODES = ['face_to_face', 'home_visit', 'phone', 'online', 'group', 'crisis'] as const satisfies readonly Schemas['ServiceMode'][]
export type ServiceMode = Schemas['ServiceMode']

/** Who took part in a contact besides the worker. */
export const SERVICE_PARTICIPANTS = ['client', 'family', 'other'] as const satisfies readonly Schemas['ServiceParticipant'][]
export type ServiceParticipant = Schemas['ServiceParticipant']

export type ApprovalStatus = Schemas['ApprovalStatus']

export type Person = Schemas['Person']

/** A case's move waiting for a supervisor. */
/** A case's move waiting for a supervisor. */
export type PendingApproval = Schemas['PendingApproval']

/** Times are local (Asia/Shanghai) ISO strings with offset, e.g. "2026-12-02T23:59:59+08:00". */
/** Times are local (Asia/Shanghai) ISO strings with offset, e.g. "2026-12-02T23:59:59+08:00". */
export type Case = Schemas['Case']

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

export type CaseInput = RequestBody<'/api/v1/cases', 'post'>

/** A JSON Schema (draft-07 subset plus Jieli's x-* keywords; see src/modules/cases/form_schema.hpp). */
export type FormSchema = {
  type?: string | string[]
  title?: string
  description?: string
  properties?: Record<string, FormSchema>
  required?: string[]
  items?: FormSchema
  enum?: (string | number)[]
  'x-enum-labels'?: string[]
  /** The English twins of title, description and x-enum-labels (built-in fields have them all). */
  'x-title-en'?: string
  'x-description-en'?: string
  'x-enum-labels-en'?: string[]
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
  /** An array whose rows are given (no adding or removing), e.g. the evaluation's goals from the plan. */
  'x-fixed-items'?: boolean
}

export type FormData = Record<string, unknown>

/** A stage's form: its schema (typed here as FormSchema), the data saved (prefilled where empty) and
 *  the paths of required fields still empty ("goals[0].levels[2].description"). */
export type StageForm = Omit<Schemas['StageForm'], 'schema' | 'data'> & { schema: FormSchema; data: FormData }

export type Approval = Schemas['Approval']

/** `approval` is set when the move waits for a supervisor (HTTP 202). */
export type MoveResult = Schemas['MoveResult']

/** `date` YYYY-MM-DD, not in the future, not before the case opened; `minutes` 1–1440;
 *  `participants` at least one (default the client); `goals_addressed` names of the plan's goals. */
export type ServiceInput = RequestBody<'/api/v1/cases/{id}/services', 'post'>

/** `progress_note` and `client_response` are null, `comments` empty, when the caller may not read
 *  case notes (note_hidden). Records made before issue 12 have no participants. */
export type ServiceRecord = Schemas['ServiceRecord']

/** A supervisor's comment (督导点评) on a service record. */
export type ServiceComment = Schemas['ServiceComment']

export type TimelineEvent = Schemas['TimelineEvent']

/** `situation` is null while due (and on records older than issue 15); `note` and `new_needs` are ""
 *  when the caller may not read case notes; `new_case_id` is the case opened for the new needs. */
export type FollowUp = Schemas['FollowUp']

/** 案主目前情况 at a follow-up: 好转, 持平, 变差. */
export type FollowUpSituation = NonNullable<FollowUp['situation']>
export const FOLLOW_UP_SITUATIONS = ['better', 'same', 'worse'] as const satisfies readonly FollowUpSituation[]

/** Recording a follow-up (完成回访): `note` and `new_needs` ≤ 2000 characters; `at` an RFC 3339
 *  time with its offset ("2026-12-07T10:30:00+08:00"), not in the future nor more than 366 days
 *  back (default now). */
export type FollowUpInput = RequestBody<'/api/v1/followups/{id}/complete', 'post'>

/** How the client was reached: a contact channel, but never the public page ("web"). */
export type FollowUpChannel = FollowUpInput['channel']
export const FOLLOW_UP_CHANNELS = [
  'phone',
  'wechat',
  'sms',
  'email',
  'chat',
  'walk_in',
  'home_visit',
  'letter',
] as const satisfies readonly FollowUpChannel[]

export type Attachment = Schemas['Attachment']

export type WorkItem = Schemas['WorkItem']

/** A page of the worklist, oldest due first; total and overdue count all of it. */
/** A page of the worklist, oldest due first; total and overdue count all of it. */
export type Worklist = Page<WorkItem> & { overdue: number }

export type DeadlinePolicy = Schemas['DeadlinePolicy']
export type Scale = Schemas['Scale']
export type AgencyScales = Schemas['AgencyScales']

/** An agency's own fields of a stage form: new properties, which fields are required, and the
 *  order of the new properties on the form (JSON objects keep no order; the server appends them
 *  to the form's x-order in this order). */
export type AgencyFields = {
  properties: Record<string, FormSchema>
  required?: string[]
  'x-order'?: string[]
}

/** `schema` is the built-in template extended with the fields. */
export type AgencyFormFields = Omit<Schemas['AgencyFormFields'], 'fields' | 'schema'> & {
  fields: AgencyFields
  schema: FormSchema
}



const list = endpoint('GET', '/api/v1/cases')
const open = endpoint('POST', '/api/v1/cases')
const one = endpoint('GET', '/api/v1/cases/{id}')
const stageForm = endpoint('GET', '/api/v1/cases/{id}/stages/{stage}')
const saveForm = endpoint('PUT', '/api/v1/cases/{id}/stages/{stage}')
const transition = endpoint('POST', '/api/v1/cases/{id}/transitions')
const transfer = endpoint('POST', '/api/v1/cases/{id}/transfer')
const supervise = endpoint('PUT', '/api/v1/cases/{id}/supervisor')
const reopen = endpoint('POST', '/api/v1/cases/{id}/reopen')
const services = endpoint('GET', '/api/v1/cases/{id}/services')
const addService = endpoint('POST', '/api/v1/cases/{id}/services')
const commentService = endpoint('POST', '/api/v1/services/{id}/comments')
const correctService = endpoint('PATCH', '/api/v1/services/{id}')
const withdrawService = endpoint('POST', '/api/v1/services/{id}/withdraw')
const timeline = endpoint('GET', '/api/v1/cases/{id}/timeline')
const followups = endpoint('GET', '/api/v1/cases/{id}/followups')
const completeFollowUp = endpoint('POST', '/api/v1/followups/{id}/complete')
const caseFromFollowUp = endpoint('POST', '/api/v1/followups/{id}/new-case')
const attachments = endpoint('GET', '/api/v1/cases/{id}/attachments')
const attach = uploadEndpoint('POST', '/api/v1/cases/{id}/attachments')
const download = fileEndpoint('GET', '/api/v1/attachments/{id}')
const approvals = endpoint('GET', '/api/v1/approvals')
const decide = endpoint(
  'POST',
  '/api/v1/approvals/{id}/decision',
)
const worklist = endpoint('GET', '/api/v1/worklist')
const policy = endpoint('GET', '/api/v1/orgs/{id}/case-policy')
const setPolicy = endpoint('PUT', '/api/v1/orgs/{id}/case-policy')
const caseScales = endpoint('GET', '/api/v1/orgs/{id}/case-scales')
const setCaseScalesCall = endpoint('PUT', '/api/v1/orgs/{id}/case-scales')
const formFields = endpoint('GET', '/api/v1/orgs/{id}/case-forms/{stage}')
const setFormFields = endpoint('PUT', '/api/v1/orgs/{id}/case-forms/{stage}')

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
 *  cases.closed, cases.approval_pending, cases.stage_not_editable, cases.changed. */
export function saveStageForm(
  id: number,
  stage: Stage,
  data: FormData,
  draft: boolean,
  options?: CallOptions,
): Promise<StageForm> {
  return saveForm({ params: { id, stage }, body: { data, draft }, ...options })
}

/** Moves the case on, or asks for approval (then `approval` is set). Errors: cases.stage_incomplete
 *  (details name the missing paths), cases.invalid_transition, cases.approval_pending,
 *  cases.no_service_records, cases.closed. */
export function moveCase(id: number, to: Stage, options?: CallOptions): Promise<MoveResult> {
  return transition({ params: { id }, body: { to }, ...options })
}

export function transferCase(id: number, workerId: number, reason = '', options?: CallOptions): Promise<Case> {
  return transfer({ params: { id }, body: { worker_id: workerId, reason }, ...options })
}

/** A leader names the case's supervisor (cases.assign). Errors: cases.supervisor_unchanged; a field
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

/** A supervisor's comment on a record; returns the record with its comments. Errors:
 *  auth.forbidden (no cases.approve), cases.comment_not_allowed (on the team, or one's own record),
 *  cases.service_not_found, validation.failed (comment). */
/** The fields of a record its author corrects (within 7 days of writing it). */
export type ServiceCorrection = RequestBody<'/api/v1/services/{id}', 'patch'>

/** Corrects a record. Errors: cases.service_fixed (after 7 days), cases.service_not_author,
 *  cases.service_withdrawn, validation.failed. */
export function correctServiceRecord(serviceId: number, change: ServiceCorrection, options?: CallOptions): Promise<ServiceRecord> {
  return correctService({ params: { id: serviceId }, body: change, ...options })
}

/** Withdraws a record with a reason (its author or the case's supervisor): kept, marked, not counted. */
export function withdrawServiceRecord(serviceId: number, reason: string, options?: CallOptions): Promise<ServiceRecord> {
  return withdrawService({ params: { id: serviceId }, body: { reason }, ...options })
}

export function commentOnServiceRecord(serviceId: number, comment: string, options?: CallOptions): Promise<ServiceRecord> {
  return commentService({ params: { id: serviceId }, body: { comment }, ...options })
}

export function getTimeline(id: number, query: PageQuery = {}, options?: CallOptions): Promise<Page<TimelineEvent>> {
  return timeline({ params: { id }, query: { ...query }, ...options })
}

export async function getFollowUps(id: number, options?: CallOptions): Promise<FollowUp[]> {
  return (await followups({ params: { id }, ...options })).items
}

/** Records a due follow-up; the server also logs the exchange in the client's contacts.
 *  Errors: validation.failed (note, situation, channel, at, new_needs), cases.followup_not_found,
 *  cases.followup_closed (already done). */
export function completeFollowUpTask(followupId: number, input: FollowUpInput, options?: CallOptions): Promise<FollowUp> {
  return completeFollowUp({ params: { id: followupId }, body: input, ...options })
}

/** The case opened for a follow-up's new needs, and the follow-up now linked to it. */
export type FollowUpCase = ResponseBody<'/api/v1/followups/{id}/new-case', 'POST'>

/** 为新需求新建个案: opens a case for the client (the caller its primary worker), its intake draft
 *  holding the new needs as the presenting problem. Errors (409): cases.followup_due,
 *  cases.followup_no_needs, cases.followup_case_opened and cases.client_has_open_case (both with
 *  params.existing_id); cases.followup_not_found. */
export function openCaseFromFollowUp(followupId: number, options?: CallOptions): Promise<FollowUpCase> {
  return caseFromFollowUp({ params: { id: followupId }, body: {}, ...options })
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
  /** requested_at (oldest first, the default) or -requested_at (newest first). */
  sort?: 'requested_at' | '-requested_at'
}

export function getApprovals(query: ApprovalQuery = {}, options?: CallOptions): Promise<Page<Approval>> {
  return approvals({ query: { ...query }, ...options })
}

/** Approves, or rejects with a comment (required). Errors: cases.self_approval, auth.forbidden,
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

/** An agency's own standard scales and the catalogue its forms offer (built-in ones first). */
export function getCaseScales(orgId: number, options?: CallOptions): Promise<AgencyScales> {
  return caseScales({ params: { id: orgId }, ...options })
}

/** Replaces an agency's own scales. Errors: validation.failed at scales[i].code, .name, .name_en, .max … */
export function setCaseScales(orgId: number, scales: Scale[], options?: CallOptions): Promise<AgencyScales> {
  return setCaseScalesCall({ params: { id: orgId }, body: { scales }, ...options })
}

export function getAgencyFormFields(orgId: number, stage: Stage, options?: CallOptions): Promise<AgencyFormFields> {
  // The document calls the fields and the schema free objects; this app reads them as form schemas.
  return formFields({ params: { id: orgId, stage }, ...options }) as Promise<AgencyFormFields>
}

export function setAgencyFormFields(
  orgId: number,
  stage: Stage,
  fields: AgencyFields,
  options?: CallOptions,
): Promise<AgencyFormFields> {
  return setFormFields({ params: { id: orgId, stage }, body: fields, ...options }) as Promise<AgencyFormFields>
}

/** The counts behind the home pages' charts, over the cases the caller may read. */
/** The counts behind the home pages' charts: by_risk and by_worker count open cases; per_month the
 *  last 12 local months, oldest first ("2026-01"). */
export type CaseStats = Schemas['CaseStats']

const stats = endpoint('GET', '/api/v1/cases/stats')

/** Case counts of an organisation and those below it (all the caller may read when orgId is absent). */
export function getCaseStats(orgId?: number | null, options?: CallOptions): Promise<CaseStats> {
  return stats({ query: { org_id: orgId ?? undefined }, ...options })
}

export type ApprovalKind = Schemas['ApprovalKind']

/** The planning form's plan: the approved version in effect and the next one in the making. */
export type PlanState = NonNullable<Schemas['StageForm']['plan']>

/** An approved version of a stage form (planning v1, v2…; an approved closure's evaluation and closed). */
export type FormVersion = Omit<Schemas['FormVersion'], 'data'> & { data: FormData }

export type OpenRiskReview = Schemas['OpenRiskReview']
export type RiskReview = Schemas['RiskReview']

const planRevision = endpoint('POST', '/api/v1/cases/{id}/plan-revisions')
const formVersions = endpoint('GET', '/api/v1/cases/{id}/form-versions')
const riskReviews = endpoint('GET', '/api/v1/cases/{id}/risk-reviews')
const reviewRisk = endpoint('POST', '/api/v1/cases/{id}/risk-review')

/** A step back (evaluation → intervention or planning, intervention → planning), with its reason
 *  (required; not a reopening). Errors: validation.failed (reason), cases.invalid_transition. */
export function stepBackCase(id: number, to: Stage, reason: string, options?: CallOptions): Promise<MoveResult> {
  return transition({ params: { id }, body: { to, reason }, ...options })
}

/** Asks the supervisor to approve the changed plan as its next version. Errors: cases.plan_unchanged,
 *  cases.plan_not_approved, cases.approval_pending, cases.stage_incomplete. */
export function requestPlanRevision(id: number, options?: CallOptions): Promise<Approval> {
  return planRevision({ params: { id }, ...options })
}

/** The approved versions of the case's forms, oldest first. */
export async function getFormVersions(id: number, options?: CallOptions): Promise<FormVersion[]> {
  return (await formVersions({ params: { id }, ...options })).items as FormVersion[]
}

export async function getRiskReviews(id: number, options?: CallOptions): Promise<RiskReview[]> {
  return (await riskReviews({ params: { id }, ...options })).items
}

/** The supervisor's review of a high-risk assessment (cases.approve, not on the team). */
export function reviewCaseRisk(id: number, comment: string, options?: CallOptions): Promise<RiskReview> {
  return reviewRisk({ params: { id }, body: { comment }, ...options })
}
