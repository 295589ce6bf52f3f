// 满意度调查 (surveys): a questionnaire (Jieli's built-in 服务满意度问卷 — 8 items on a 4-point
// scale, total 8–32 — or one made in the builder) that an organisation sends to clients as personal
// links (a QR code each, one answer per link) and optionally as one anonymous link for all; the
// answers, counted and charted, and exported as .xlsx. A named survey shows which client gave which
// answer; otherwise nobody sees it. The answer page is public (/p/s/<token>, no sign-in).
//
// The calls are declared endpoints (checked against the OpenAPI snapshot); the types below spell out
// the unions the generated schema leaves as strings (item types, states), and match it otherwise.
import type { Page, PageQuery } from './paging'
import { endpoint, endpoints, fileEndpoint, type CallOptions, type DownloadedFile } from './request'

/** Someone or something by id and name (an organisation, a client, a worker). */
export interface Person {
  id: number
  name: string
}

/** 分节 单选 多选 李克特量表 评分 填空 */
export const ITEM_TYPES = ['section', 'single', 'multiple', 'likert', 'rating', 'text'] as const
export type ItemType = (typeof ITEM_TYPES)[number]

/** The item types that have options (and that a condition may refer to). */
export const CHOICE_TYPES = ['single', 'multiple', 'likert'] as const satisfies readonly ItemType[]

/** The item types that may count towards the total score. */
export const SCORABLE_TYPES = ['single', 'likert', 'rating'] as const satisfies readonly ItemType[]

export interface Option {
  value: string
  label_zh: string
  label_en: string
  score: number | null
}

/** Shown only when item `item` was answered with one of `any_of`. */
export interface Condition {
  item: string
  any_of: string[]
}

export interface Item {
  /** [a-z0-9_] */
  id: string
  type: ItemType
  text_zh: string
  text_en: string
  required: boolean
  scored: boolean
  /** rating: 1..scale_max (2..10). */
  scale_max: number
  /** single, multiple, likert (2..20). */
  options: Option[]
  show_if: Condition | null
}

export interface Questionnaire {
  title_zh: string
  title_en: string
  items: Item[]
}

export const SURVEY_STATES = ['open', 'closed'] as const
export type SurveyState = (typeof SURVEY_STATES)[number]

export interface Survey {
  id: number
  org: Person
  title_zh: string
  title_en: string
  /** Jieli's own 8-item questionnaire (total 8–32). */
  built_in: boolean
  /** Answers show which client gave them. */
  named: boolean
  state: SurveyState
  questionnaire: Questionnaire
  /** "/p/s/<token>" — one link for all, one answer per device; null without an anonymous link. */
  anonymous_url: string | null
  /** Personal links sent / answered. */
  sent: number
  answered: number
  /** All answers (personal + anonymous). */
  responses: number
  created_by: Person
  created_at: string
  version: number
}

export const LINK_STATES = ['open', 'answered', 'expired', 'withdrawn'] as const
export type LinkState = (typeof LINK_STATES)[number]

export interface SurveyLink {
  id: number
  client: Person
  case_id: number | null
  sent_by: Person
  sent_at: string
  /** Format: date */
  expires_on: string
  state: LinkState
  answered_at: string | null
}

/** Why a client got no link. */
export type SkipReason = 'consent_withdrawn'

/** One client of a send: their link (its token is shown only here, once), or why they got none. */
export interface SentLink {
  client: Person
  token: string | null
  /** "/p/s/<token>"; null when skipped. */
  url: string | null
  expires_on: string | null
  skipped: null | SkipReason
}

export interface SendResult {
  links: SentLink[]
}

export interface ResultOption {
  value: string
  label_zh: string
  label_en: string
  count: number
}

export interface ResultItem {
  id: string
  type: string
  text_zh: string
  text_en: string
  answered: number
  /** Scored items and ratings; null otherwise or without answers. */
  mean: number | null
  options: ResultOption[]
}

export interface SurveyResults {
  survey_id: number
  sent: number
  answered: number
  /** 0..1; null when none was sent. */
  response_rate: number | null
  responses: number
  total: {
    mean: number | null
    min_possible: number
    max_possible: number
    /** By total score, ascending. */
    distribution: { total: number; count: number }[]
  }
  items: ResultItem[]
  by_month: { month: string; responses: number; mean: number | null }[]
  /** client only when the survey is named. */
  texts: { item: string; text: string; submitted_at: string; client: Person | null }[]
}

/** The state of a link as its answer page sees it. */
export const PUBLIC_STATES = ['open', 'answered', 'expired', 'withdrawn', 'closed'] as const
export type PublicState = (typeof PUBLIC_STATES)[number]

export interface PublicSurvey {
  title_zh: string
  title_en: string
  org_name: string
  questionnaire: Questionnaire
  state: PublicState
}

/** One item's answer: choices (single, multiple, likert), rating or text. */
export interface Answer {
  choices?: string[]
  rating?: number
  text?: string
}

export interface AnswerInput {
  answers: Record<string, Answer>
  /** The honeypot: people leave it empty. */
  website?: string
}

export type SurveySort = 'created_at' | '-created_at' | 'title'

export interface SurveyListQuery extends PageQuery {
  org_id?: number
  state?: SurveyState
  sort?: SurveySort
}

/** POST /api/v1/surveys; without a questionnaire the built-in one. */
export interface SurveyInput {
  org_id: number
  title_zh?: string
  title_en?: string
  named: boolean
  anonymous: boolean
  questionnaire?: Questionnaire
}

/** POST /api/v1/surveys/{id}/send. */
export interface SendInput {
  /** 1..200 */
  client_ids: number[]
  /** Only with one client. */
  case_id?: number
  /** Format: date; default today + 30, at most + 180. */
  expires_on?: string
}

export interface ResultsQuery {
  org_id?: number
  /** Format: date */
  from?: string
  /** Format: date */
  to?: string
}

const PUBLIC_BASE = '/api/v1/public/surveys'

function enc(value: string | number): string {
  return encodeURIComponent(String(value))
}

const listSurveys = endpoint('GET', '/api/v1/surveys')
const builtin = endpoint('GET', '/api/v1/surveys/builtin')
const postSurvey = endpoint('POST', '/api/v1/surveys')
const oneSurvey = endpoint('GET', '/api/v1/surveys/{id}')
const postClose = endpoint('POST', '/api/v1/surveys/{id}/close')
const postSend = endpoint('POST', '/api/v1/surveys/{id}/send')
const listLinks = endpoint('GET', '/api/v1/surveys/{id}/links')
const results = endpoint('GET', '/api/v1/surveys/{id}/results')
const exportAnswers = fileEndpoint('GET', '/api/v1/surveys/{id}/export')
const publicSurvey = endpoint('GET', '/api/v1/public/surveys/{token}')
const postAnswers = endpoint('POST', '/api/v1/public/surveys/{token}/answers')
// The QR images are fetched by <img src>, not by script: declared for the snapshot test.
endpoints.push({ method: 'GET', path: '/api/v1/public/surveys/{token}/qr.svg' })
endpoints.push({ method: 'GET', path: '/api/v1/public/surveys/{token}/qr.png' })

/** The surveys in the caller's scope; needs clients.read. */
export function getSurveyList(query: SurveyListQuery = {}, options?: CallOptions): Promise<Page<Survey>> {
  return listSurveys({ query: { ...query }, ...options }) as Promise<Page<Survey>>
}

/** Jieli's built-in questionnaire (服务满意度问卷); the builder starts from it. */
export function getBuiltinQuestionnaire(options?: CallOptions): Promise<Questionnaire> {
  return builtin({ ...options }) as Promise<Questionnaire>
}

/** Creates a survey; needs quality.manage. Errors: validation.failed with fields such as
 *  `questionnaire.items[2].options`. */
export function createSurvey(input: SurveyInput, options?: CallOptions): Promise<Survey> {
  return postSurvey({ body: input, ...options }) as Promise<Survey>
}

export function getSurvey(id: number, options?: CallOptions): Promise<Survey> {
  return oneSurvey({ params: { id }, ...options }) as Promise<Survey>
}

/** Closes the survey (its links stop taking answers); needs quality.manage. 409 when `version` is stale. */
export function closeSurvey(id: number, version: number, options?: CallOptions): Promise<Survey> {
  return postClose({ params: { id }, body: { version }, ...options }) as Promise<Survey>
}

/** Sends personal links; needs clients.write on each client. A client who withdrew their survey
 *  consent is skipped; sending again supersedes the client's unanswered link. */
export function sendSurvey(id: number, input: SendInput, options?: CallOptions): Promise<SendResult> {
  return postSend({ params: { id }, body: input, ...options }) as Promise<SendResult>
}

export function getSurveyLinks(id: number, query: PageQuery = {}, options?: CallOptions): Promise<Page<SurveyLink>> {
  return listLinks({ params: { id }, query: { ...query }, ...options }) as Promise<Page<SurveyLink>>
}

export function getSurveyResults(id: number, query: ResultsQuery = {}, options?: CallOptions): Promise<SurveyResults> {
  return results({ params: { id }, query: { ...query }, ...options }) as Promise<SurveyResults>
}

/** The answers as an .xlsx workbook, one row per answer, filtered as the results are. */
export function exportSurveyAnswers(id: number, query: ResultsQuery = {}, options?: CallOptions): Promise<DownloadedFile> {
  return exportAnswers({ params: { id }, query: { ...query }, ...options })
}

// --- the public answer page (no sign-in) ---

/** What a link's answer page shows. 404 survey.link_not_found for an unknown token. */
export function getPublicSurvey(token: string, options?: CallOptions): Promise<PublicSurvey> {
  return publicSurvey({ params: { token }, ...options }) as Promise<PublicSurvey>
}

/** Sends the answers. Errors: 400 validation.failed with details `answers.<itemId>`; 409
 *  survey.answered, survey.expired, survey.withdrawn, survey.closed; 429 (too many from this address). */
export function submitSurveyAnswers(token: string, input: AnswerInput, options?: CallOptions): Promise<{ ok: boolean }> {
  return postAnswers({ params: { token }, body: input, ...options })
}

/** The QR code of a link as SVG, for an <img src> (the printable QR sheet). */
export function qrSvgUrl(token: string): string {
  return `${PUBLIC_BASE}/${enc(token)}/qr.svg`
}

/** The QR code of a link as PNG. */
export function qrPngUrl(token: string): string {
  return `${PUBLIC_BASE}/${enc(token)}/qr.png`
}

/** A link's absolute address ("/p/s/<token>" → "https://host/p/s/<token>"), as people type or scan it. */
export function surveyUrl(path: string): string {
  if (/^https?:\/\//i.test(path)) return path
  const origin = typeof window !== 'undefined' ? window.location.origin : ''
  return `${origin}${path.startsWith('/') ? '' : '/'}${path}`
}

/** The token of a link's path ("/p/s/<token>"), or null when it is not one. */
export function tokenOf(path: string): string | null {
  const match = /\/p\/s\/([^/?#]+)/.exec(path)
  if (!match) return null
  try {
    return decodeURIComponent(match[1])
  } catch {
    return match[1]
  }
}
