// Quality indicators (质量指标) computed from the records: the catalogue, every
// indicator's values by unit for a window, one indicator's series with its
// control chart (p or XmR) and Western Electric rule breaks, and a funnel plot
// of units against the overall value. Values are in the indicator's unit
// (percent 0–100, per 100, hours, score, count); dates are local "YYYY-MM-DD".
// A cell whose denominator is under 5 comes back suppressed: no value and no
// counts. See docs/quality.md ("Indicators").
//
// Quality management (质量管理): supervision sessions (督导记录) with their agreed actions, training
// and attendance, the quality duties of each post, and improvement cycles (PDCA / 持续改进). The
// server checks every right; a session or cycle outside the caller's scope is quality.not_found.
import type { Page, PageQuery } from './paging'
import { endpoint, type CallOptions } from './request'
import type { components } from './schema'

type Schemas = components['schemas']

// --- indicators ---

export type Indicator = Schemas['Indicator']
export type IndicatorBrief = Schemas['IndicatorBrief']
export type IndicatorUnit = Schemas['IndicatorUnit']
export type IndicatorCell = Schemas['IndicatorCell']
export type IndicatorValues = Schemas['IndicatorValues']
export type SeriesPoint = Schemas['SeriesPoint']
export type IndicatorSeries = Schemas['IndicatorSeries']
export type FunnelUnit = Schemas['FunnelUnit']
export type Funnel = Schemas['IndicatorFunnel']

export const GRANULARITIES = ['week', 'month', 'quarter', 'year'] as const
export type Granularity = (typeof GRANULARITIES)[number]

export type ValuesBy = 'org' | 'worker' | 'district' | 'category'
export type FunnelBy = 'org' | 'worker' | 'district'

/** The window and scope every indicator call takes; absent: the caller's whole scope, the year to today. */
export interface IndicatorWindow {
  org_id?: number
  worker_id?: number
  from?: string
  to?: string
}

export interface ValuesQuery extends IndicatorWindow {
  by?: ValuesBy
  granularity?: Granularity
}

export interface SeriesQuery extends IndicatorWindow {
  granularity?: Granularity
  baseline_from?: string
  baseline_to?: string
}

export interface FunnelQuery extends IndicatorWindow {
  by?: FunnelBy
}

const catalogue = endpoint('GET', '/api/v1/quality/indicators')
const values = endpoint('GET', '/api/v1/quality/indicators/values')
const series = endpoint('GET', '/api/v1/quality/indicators/{id}/series')
const funnel = endpoint('GET', '/api/v1/quality/indicators/{id}/funnel')

/** Every indicator: names, definitions, formulas, direction, unit, chart, and whether it is measured yet. */
export async function listIndicators(options?: CallOptions): Promise<Indicator[]> {
  const body = await catalogue({ ...options })
  return body.items
}

/** Every indicator over the window by unit (and per period with a granularity). */
export function getIndicatorValues(query: ValuesQuery = {}, options?: CallOptions): Promise<IndicatorValues> {
  return values({ query: { ...query }, ...options })
}

/** One indicator per period with its control chart from the baseline (the whole range by default). */
export function getIndicatorSeries(id: string, query: SeriesQuery = {}, options?: CallOptions): Promise<IndicatorSeries> {
  return series({ params: { id }, query: { ...query }, ...options })
}

/** The units of one indicator against the overall value, with 95 % and 99.8 % funnel limits. */
export function getIndicatorFunnel(id: string, query: FunnelQuery = {}, options?: CallOptions): Promise<Funnel> {
  return funnel({ params: { id }, query: { ...query }, ...options })
}

// --- supervision, training, improvement cycles ---

export type SupervisionSession = Schemas['SupervisionSession']
export type QualityAction = Schemas['QualityAction']
export type Training = Schemas['Training']
export type TrainingHours = Schemas['TrainingHours']
export type PostDuties = Schemas['PostDuties']
export type Improvement = Schemas['Improvement']
export type Phase = Schemas['ImprovementPhase']
export type SourceKind = Schemas['ImprovementSource']
export type StandardKind = Schemas['StandardKind']

/** The PDCA phases in order: the columns of the board. */
export const PHASES = ['plan', 'do', 'check', 'act', 'closed'] as const satisfies readonly Phase[]
export const SOURCE_KINDS = ['audit_finding', 'complaint', 'indicator_signal', 'survey', 'free'] as const satisfies readonly SourceKind[]
export const STANDARD_KINDS = ['form_field', 'checklist_item', 'deadline', 'technique', 'other'] as const satisfies readonly StandardKind[]
export const TRAINING_KINDS = ['internal', 'external', 'supervision'] as const satisfies readonly Training['kind'][]

export interface ActionInput {
  text: string
  owner_id: number
  due_on: string
}

export interface SessionInput {
  org_id: number
  kind: SupervisionSession['kind']
  date: string
  minutes: number
  supervisee_ids: number[]
  topics: string
  case_ids?: number[]
  notes?: string
  actions?: ActionInput[]
}

export interface SupervisionQuery extends PageQuery {
  org_id?: number
  supervisor_id?: number
  supervisee_id?: number
  from?: string
  to?: string
  sort?: string
}

const sessions = endpoint('GET', '/api/v1/quality/supervision')
const recordSession = endpoint('POST', '/api/v1/quality/supervision')
const session = endpoint('GET', '/api/v1/quality/supervision/{id}')
const actionDone = endpoint('POST', '/api/v1/quality/actions/{id}/done')
const myWork = endpoint('GET', '/api/v1/quality/my-work')
const trainings = endpoint('GET', '/api/v1/quality/training')
const recordTraining = endpoint('POST', '/api/v1/quality/training')
const hours = endpoint('GET', '/api/v1/quality/training/hours')
const improvements = endpoint('GET', '/api/v1/quality/improvements')
const openCycle = endpoint('POST', '/api/v1/quality/improvements')
const cycle = endpoint('GET', '/api/v1/quality/improvements/{id}')
const changeCycle = endpoint('PATCH', '/api/v1/quality/improvements/{id}')
const moveCycle = endpoint('POST', '/api/v1/quality/improvements/{id}/transitions')

/** Sessions the caller may see: a leader's agency's, else those they led, wrote or were in. */
export function getSupervisionList(query: SupervisionQuery = {}, options?: CallOptions): Promise<Page<SupervisionSession>> {
  return sessions({ query: { ...query }, ...options })
}

export function getSupervision(id: number, options?: CallOptions): Promise<SupervisionSession> {
  return session({ params: { id }, ...options })
}

/** Errors: validation.failed (dates, supervisees of another organisation, cases the supervisor may not read). */
export function recordSupervision(input: SessionInput, options?: CallOptions): Promise<SupervisionSession> {
  return recordSession({ body: input, ...options })
}

/** Errors: quality.not_action_owner, quality.action_done. */
export function completeAction(id: number, note = '', options?: CallOptions): Promise<QualityAction> {
  return actionDone({ params: { id }, body: note ? { note } : {}, ...options })
}

/** The caller's open supervision and cycle actions, overdue first. */
export function getMyQualityWork(options?: CallOptions): Promise<{ items: QualityAction[]; total: number; overdue: number }> {
  return myWork({ ...options })
}

export function getTrainingList(query: PageQuery & { org_id?: number; from?: string; to?: string } = {}, options?: CallOptions): Promise<Page<Training>> {
  return trainings({ query: { ...query }, ...options })
}

export interface TrainingInput {
  org_id: number
  title: string
  kind: Training['kind']
  date: string
  hours: number
  trainer?: string
  attendance?: { user_id: number; hours?: number }[]
}

export function recordTrainingSession(input: TrainingInput, options?: CallOptions): Promise<Training> {
  return recordTraining({ body: input, ...options })
}

export function getTrainingHours(query: { org_id: number; from?: string; to?: string }, options?: CallOptions): Promise<{ items: TrainingHours[] }> {
  return hours({ query: { ...query }, ...options })
}

export function getImprovementList(query: PageQuery & { org_id?: number; phase?: Phase } = {}, options?: CallOptions): Promise<Page<Improvement>> {
  return improvements({ query: { ...query }, ...options })
}

export function getImprovement(id: number, options?: CallOptions): Promise<Improvement> {
  return cycle({ params: { id }, ...options })
}

export interface ImprovementInput {
  org_id: number
  title: string
  problem: string
  source_kind?: SourceKind
  source_ref?: string
  root_cause?: string
  indicator?: string
  actions?: ActionInput[]
}

export function openImprovement(input: ImprovementInput, options?: CallOptions): Promise<Improvement> {
  return openCycle({ body: input, ...options })
}

export interface ImprovementChange {
  title?: string
  problem?: string
  root_cause?: string
  indicator?: string
  before_value?: number | null
  after_value?: number | null
  check_note?: string
  standard_kind?: StandardKind | null
  standard_ref?: string
  add_actions?: ActionInput[]
}

export function changeImprovement(id: number, change: ImprovementChange, options?: CallOptions): Promise<Improvement> {
  return changeCycle({ params: { id }, body: change, ...options })
}

/** Errors: quality.invalid_transition (409), validation.failed with what the phase still lacks. */
export function moveImprovement(id: number, to: Phase, note = '', options?: CallOptions): Promise<Improvement> {
  return moveCycle({ params: { id }, body: note ? { to, note } : { to }, ...options })
}

// --- objectives and policy ---
// 质量方针 and 质量目标: an organisation's policy text and its objectives on the indicators, inherited
// down the tree (an organisation's own objective on an indicator wins over the one above). Each
// objective comes with its actual value over the period of its granularity and its status
// (on_track / off_track / no_data). Outside the caller's scope: quality.not_found.

export type Objective = Schemas['Objective']
export type ObjectiveList = Schemas['ObjectiveList']
export type QualityPolicy = Schemas['QualityPolicy']

export const OBJECTIVE_GRANULARITIES = ['month', 'quarter', 'year'] as const satisfies readonly Objective['granularity'][]

export interface ObjectiveChange {
  target: number
  granularity: Objective['granularity']
  owner_id: number
  note?: string
}

export interface ObjectiveInput extends ObjectiveChange {
  org_id: number
  indicator: string
}

const objectiveList = endpoint('GET', '/api/v1/quality/objectives')
const objectiveCreate = endpoint('POST', '/api/v1/quality/objectives')
const objectiveChange = endpoint('PUT', '/api/v1/quality/objectives/{id}')
const objectiveRemove = endpoint('DELETE', '/api/v1/quality/objectives/{id}')
const policyGet = endpoint('GET', '/api/v1/quality/policy')
const policySet = endpoint('PUT', '/api/v1/quality/policy')

/** The objectives in force at an organisation, judged over the current period (or one of `period`: 2026-03, 2026-Q1, 2026). */
export function getObjectives(orgId: number, period?: string, options?: CallOptions): Promise<ObjectiveList> {
  return objectiveList({ query: { org_id: orgId, period }, ...options })
}

/** Errors: quality.objective_exists (409) when the organisation has one on the indicator. */
export function createObjective(input: ObjectiveInput, options?: CallOptions): Promise<Objective> {
  return objectiveCreate({ body: input, ...options })
}

export function changeObjective(id: number, change: ObjectiveChange, options?: CallOptions): Promise<Objective> {
  return objectiveChange({ params: { id }, body: change, ...options })
}

export async function removeObjective(id: number, options?: CallOptions): Promise<void> {
  await objectiveRemove({ params: { id }, ...options })
}

/** The policy in force at an organisation: its own or the nearest one above it. */
export function getQualityPolicy(orgId: number, options?: CallOptions): Promise<QualityPolicy> {
  return policyGet({ query: { org_id: orgId }, ...options })
}

/** Sets an organisation's own policy; a blank text removes it (the one above is in force again). */
export function setQualityPolicy(orgId: number, text: string, options?: CallOptions): Promise<QualityPolicy> {
  return policySet({ body: { org_id: orgId, text }, ...options })
}

// --- indicator signals ---

export type QualitySignal = Schemas['QualitySignal']
export type SignalState = QualitySignal['state']

const signals = endpoint('GET', '/api/v1/quality/signals')
const dismissOne = endpoint('POST', '/api/v1/quality/signals/{id}/dismiss')
const cycleFromSignal = endpoint('POST', '/api/v1/quality/signals/{id}/improvement')

/** Signals of the organisations the caller leads, supervises or oversees (the bureau), newest period first. */
export function getSignals(query: PageQuery & { org_id?: number; indicator?: string; state?: SignalState } = {}, options?: CallOptions): Promise<Page<QualitySignal>> {
  return signals({ query: { ...query }, ...options })
}

/** Errors: validation.failed (the note is required), quality.signal_handled (409). */
export function dismissSignal(id: number, note: string, options?: CallOptions): Promise<QualitySignal> {
  return dismissOne({ params: { id }, body: { note }, ...options })
}

/** Opens an improvement cycle in plan from the signal. Errors: quality.signal_handled (409). */
export function openCycleFromSignal(id: number, options?: CallOptions): Promise<Improvement> {
  return cycleFromSignal({ params: { id }, ...options })
}

// --- case-file audits (档案评审) ---
// Stage checklists (built-in, or the agency's own copy), rounds drawn from a population with a
// recorded seed (the same seed and population draw the same sample), scoring by the auditors, and
// findings the case's worker corrects and the auditor verifies. A worker sees only their own cases.

export type AuditStage = Schemas['AuditStage']
export type ItemScore = Schemas['ItemScore']
export type FindingSeverity = Schemas['FindingSeverity']
export type FindingState = Schemas['FindingState']
export type ChecklistItem = Schemas['ChecklistItem']
export type AuditChecklist = Schemas['AuditChecklist']
export type AuditRound = Schemas['AuditRound']
export type AuditCase = Schemas['AuditCase']
export type AuditFinding = Schemas['AuditFinding']
export type AuditResults = Schemas['AuditResults']

export const AUDIT_STAGES = ['intake', 'assessment', 'planning', 'intervention', 'evaluation', 'closure'] as const satisfies readonly AuditStage[]
export const ITEM_SCORES = ['met', 'partly', 'not_met', 'na'] as const satisfies readonly ItemScore[]
export const FINDING_SEVERITIES = ['minor', 'major', 'critical'] as const satisfies readonly FindingSeverity[]

export interface AuditRoundInput {
  org_id: number
  title: string
  from: string
  to: string
  basis?: 'opened' | 'closed'
  stage?: AuditStage
  worker_id?: number
  sample_size: number
  auditor_ids: number[]
  seed?: number
}

export interface ChecklistItemInput {
  key?: string
  stage: AuditStage
  text_zh: string
  text_en?: string
  weight: number
  retired?: boolean
}

export interface CaseScoresInput {
  items: { key: string; score: ItemScore; comment?: string }[]
  comment?: string
  done?: boolean
}

export interface FindingInput {
  case_id: number
  item_key?: string
  severity: FindingSeverity
  text: string
  due_on: string
}

const checklist = endpoint('GET', '/api/v1/quality/audit-checklist')
const saveChecklist = endpoint('PUT', '/api/v1/quality/audit-checklist')
const audits = endpoint('GET', '/api/v1/quality/audits')
const drawAudit = endpoint('POST', '/api/v1/quality/audits')
const audit = endpoint('GET', '/api/v1/quality/audits/{id}')
const finishAudit = endpoint('POST', '/api/v1/quality/audits/{id}/finish')
const auditResults = endpoint('GET', '/api/v1/quality/audits/{id}/results')
const auditCase = endpoint('GET', '/api/v1/quality/audits/{id}/cases/{case_id}')
const scoreCase = endpoint('PUT', '/api/v1/quality/audits/{id}/cases/{case_id}')
const raiseFinding = endpoint('POST', '/api/v1/quality/audits/{id}/findings')
const findings = endpoint('GET', '/api/v1/quality/findings')
const correctFindingCall = endpoint('POST', '/api/v1/quality/findings/{id}/correct')
const verifyFindingCall = endpoint('POST', '/api/v1/quality/findings/{id}/verify')
const reopenFindingCall = endpoint('POST', '/api/v1/quality/findings/{id}/reopen')
const findingCycle = endpoint('POST', '/api/v1/quality/findings/{id}/improvement')

export function getAuditChecklist(orgId: number, options?: CallOptions): Promise<AuditChecklist> {
  return checklist({ query: { org_id: orgId }, ...options })
}

/** An empty list goes back to the list above (or the built-in one). */
export function setAuditChecklist(orgId: number, items: ChecklistItemInput[], options?: CallOptions): Promise<AuditChecklist> {
  return saveChecklist({ body: { org_id: orgId, items }, ...options })
}

export function getAuditRounds(query: PageQuery & { org_id?: number } = {}, options?: CallOptions): Promise<Page<AuditRound>> {
  return audits({ query: { ...query }, ...options })
}

/** Errors: validation.failed (dates, sample size, auditors who are not supervisors or leaders there). */
export function createAuditRound(input: AuditRoundInput, options?: CallOptions): Promise<AuditRound> {
  return drawAudit({ body: input, ...options })
}

export function getAuditRound(id: number, options?: CallOptions): Promise<AuditRound> {
  return audit({ params: { id }, ...options })
}

/** Errors: quality.audit_incomplete (409) while a case is not done. */
export function finishAuditRound(id: number, options?: CallOptions): Promise<AuditRound> {
  return finishAudit({ params: { id }, ...options })
}

export function getAuditResults(id: number, options?: CallOptions): Promise<AuditResults> {
  return auditResults({ params: { id }, ...options })
}

export function getAuditCase(id: number, caseId: number, options?: CallOptions): Promise<AuditCase> {
  return auditCase({ params: { id, case_id: caseId }, ...options })
}

/** Errors: quality.not_auditor (403), quality.audit_finished (409), validation.failed (items unscored with done). */
export function saveAuditScores(id: number, caseId: number, input: CaseScoresInput, options?: CallOptions): Promise<AuditCase> {
  return scoreCase({ params: { id, case_id: caseId }, body: input, ...options })
}

export function raiseAuditFinding(roundId: number, input: FindingInput, options?: CallOptions): Promise<AuditFinding> {
  return raiseFinding({ params: { id: roundId }, body: input, ...options })
}

export function getAuditFindings(query: { round_id?: number; state?: FindingState; mine?: boolean } = {}, options?: CallOptions): Promise<{ items: AuditFinding[] }> {
  return findings({ query: { ...query }, ...options })
}

/** The case's worker: open → corrected. */
export function correctFinding(id: number, note: string, options?: CallOptions): Promise<AuditFinding> {
  return correctFindingCall({ params: { id }, body: { note }, ...options })
}

/** The auditor (or a quality manager): corrected → closed. */
export function verifyFinding(id: number, note = '', options?: CallOptions): Promise<AuditFinding> {
  return verifyFindingCall({ params: { id }, body: note ? { note } : {}, ...options })
}

/** The auditor (or a quality manager): corrected → open again, saying why. */
export function reopenFinding(id: number, note: string, options?: CallOptions): Promise<AuditFinding> {
  return reopenFindingCall({ params: { id }, body: { note }, ...options })
}

/** Opens an improvement cycle (source audit_finding); once per finding (quality.finding_has_cycle). */
export function improveFromFinding(id: number, options?: CallOptions): Promise<Improvement> {
  return findingCycle({ params: { id }, ...options })
}

// --- role dashboards (质量概览 per role) ---

export type SupervisionDueList = Schemas['SupervisionDueList']
export type SupervisionDue = SupervisionDueList['items'][number]

const supervisionDue = endpoint('GET', '/api/v1/quality/supervision/due')

/** The workers of an organisation (and below) with their last supervision session; due after 30 days or never. Managers only. */
export function getSupervisionDue(orgId: number, options?: CallOptions): Promise<SupervisionDueList> {
  return supervisionDue({ query: { org_id: orgId }, ...options })
}
