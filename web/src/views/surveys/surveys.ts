// How the survey screens show a survey, its links and its results: tag colours, the title in the
// page's language, the response rate, what a 409 of the answer page means, and the send form's
// checks. Plain functions of the data, tested without a browser.
import type { LinkState, PublicState, SendInput, Survey, SurveyState } from '@/api/surveys'
import type { TagType } from '@/views/cases/caseDisplay'
import { localized } from './answers'

export type Translate = (key: string, values?: Record<string, unknown>) => string

/** The path of a survey's page (the route survey-detail). */
export function surveyPath(id: number): string {
  return `/surveys/${id}`
}

const STATE_TAGS: Record<SurveyState, TagType> = { open: 'success', closed: 'info' }

export function stateTagType(state: SurveyState): TagType {
  return STATE_TAGS[state]
}

const LINK_TAGS: Record<LinkState, TagType> = { open: 'primary', answered: 'success', expired: 'info', withdrawn: 'warning' }

export function linkStateTagType(state: LinkState): TagType {
  return LINK_TAGS[state] ?? 'info'
}

/** The survey's title in the page's language (the other language when it has none). */
export function surveyTitle(s: Pick<Survey, 'title_zh' | 'title_en' | 'questionnaire'>, locale: string): string {
  return localized(locale, s.title_zh || s.questionnaire.title_zh, s.title_en || s.questionnaire.title_en)
}

/** A response rate (0..1) as a percentage with at most one decimal ("62.5"); null → null. */
export function percent(rate: number | null | undefined): string | null {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return null
  return String(Math.round(rate * 1000) / 10)
}

/** answered / sent of a survey, or null before anything was sent. */
export function responseRate(s: Pick<Survey, 'sent' | 'answered'>): number | null {
  return s.sent > 0 ? s.answered / s.sent : null
}

/** A mean with at most two decimals ("3.25"); null → null. */
export function formatMean(mean: number | null | undefined): string | null {
  if (mean === null || mean === undefined || !Number.isFinite(mean)) return null
  return String(Math.round(mean * 100) / 100)
}

/** Why an answer page takes no answer: the link's state, or an unknown token. */
export type ClosedState = Exclude<PublicState, 'open'> | 'not_found'

const CONFLICTS: Record<string, ClosedState> = {
  'survey.answered': 'answered',
  'survey.expired': 'expired',
  'survey.withdrawn': 'withdrawn',
  'survey.closed': 'closed',
  'survey.link_not_found': 'not_found',
}

/** The state a 409 (or 404) code of the answer page stands for; null for another code. */
export function conflictState(code: string): ClosedState | null {
  return CONFLICTS[code] ?? null
}

/** The most clients one send takes. */
export const MAX_SEND = 200
/** The longest a link may stay open, in days from today. */
export const MAX_EXPIRY_DAYS = 180

/** The date `days` after `today` (YYYY-MM-DD, calendar arithmetic in UTC so no time zone shifts it). */
export function addDays(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Whether a day may not be picked as a link's expiry: only tomorrow to today + 180 can be. */
export function expiryOutOfRange(date: Date, today: string): boolean {
  const pad = (n: number) => String(n).padStart(2, '0')
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  return day <= today || day > addDays(today, MAX_EXPIRY_DAYS)
}

/** The surveys a case's client may be sent: the open ones, Jieli's built-in questionnaire first
 *  (the one agencies compare), the others in the order the server gave. */
export function sendableSurveys<T extends Pick<Survey, 'built_in' | 'state'>>(surveys: readonly T[]): T[] {
  const open = surveys.filter((s) => s.state === 'open')
  return [...open.filter((s) => s.built_in), ...open.filter((s) => !s.built_in)]
}

export interface SendForm {
  clientIds: number[]
  caseId: number | null | undefined
  expiresOn: string
}

/** Our own checks of the send form: field → i18n key (and values). */
export function sendIssues(form: SendForm, today: string): Record<string, { key: string; values?: Record<string, unknown> }> {
  const issues: Record<string, { key: string; values?: Record<string, unknown> }> = {}
  if (form.clientIds.length === 0) issues.client_ids = { key: 'surveys.send.clientsRequired' }
  else if (form.clientIds.length > MAX_SEND) issues.client_ids = { key: 'surveys.send.tooMany', values: { max: MAX_SEND } }
  if (form.expiresOn && (form.expiresOn <= today || form.expiresOn > addDays(today, MAX_EXPIRY_DAYS))) {
    issues.expires_on = { key: 'surveys.send.expiresHelp' }
  }
  return issues
}

/** The body of POST …/send: the case only with one client, the date only when chosen. */
export function sendInput(form: SendForm): SendInput {
  const input: SendInput = { client_ids: [...form.clientIds] }
  if (form.clientIds.length === 1 && form.caseId) input.case_id = form.caseId
  if (form.expiresOn) input.expires_on = form.expiresOn
  return input
}
