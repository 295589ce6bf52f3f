// 完成回访 without the screen: the dialog's form and our own checks before it is sent, the request
// the server takes, what the dialog and the table offer once a follow-up is recorded, and the case a
// refused 为新需求新建个案 points at. Times are Asia/Shanghai wall times, as on the contact form.
import type { FollowUp, FollowUpChannel, FollowUpInput, FollowUpSituation } from '@/api/cases'
import { isApiError, type ApiError } from '@/api/request'
import { isFuture, withShanghaiOffset } from '@/views/feedback/contacts'
import type { TagType } from '../caseDisplay'

/** The longest note and new needs the server takes, in characters. */
export const TEXT_MAX = 2000

/** How far back a follow-up's time may lie (the server refuses older ones as too_old). */
export const MAX_DAYS_BACK = 366

const DAY_MS = 86_400_000

/** The dialog's fields; '' where nothing is chosen yet. */
export interface FollowUpForm {
  channel: FollowUpChannel | ''
  /** Shanghai wall time "YYYY-MM-DDTHH:mm:ss" as the picker edits it; '' when cleared. */
  at: string
  situation: FollowUpSituation | ''
  note: string
  newNeeds: string
}

/** The server's field names the dialog shows errors under. */
export type FollowUpField = 'channel' | 'at' | 'situation' | 'note' | 'new_needs'

export const FOLLOW_UP_FIELDS: ReadonlySet<string> = new Set<FollowUpField>(['channel', 'at', 'situation', 'note', 'new_needs'])

/** A fresh form opened at `at` (now): no channel or situation chosen, nothing written. */
export function emptyForm(at: string): FollowUpForm {
  return { channel: '', at, situation: '', note: '', newNeeds: '' }
}

/** Whether a Shanghai wall time lies more than MAX_DAYS_BACK days before `now`. */
export function isTooOld(wallTime: string, now: Date = new Date()): boolean {
  return Date.parse(withShanghaiOffset(wallTime)) < now.getTime() - MAX_DAYS_BACK * DAY_MS
}

/** What is wrong with the form before it is sent: field → the message key under
 *  caseDetail.followups (empty when it may be sent). */
export function followUpIssues(form: FollowUpForm, now: Date = new Date()): Partial<Record<FollowUpField, string>> {
  const issues: Partial<Record<FollowUpField, string>> = {}
  if (!form.channel) issues.channel = 'channelRequired'
  if (!form.at) issues.at = 'atRequired'
  else if (isFuture(form.at, now)) issues.at = 'atFuture'
  else if (isTooOld(form.at, now)) issues.at = 'atTooOld'
  if (!form.situation) issues.situation = 'situationRequired'
  if (!form.note.trim()) issues.note = 'noteRequired'
  else if (form.note.trim().length > TEXT_MAX) issues.note = 'tooLong'
  if (form.newNeeds.trim().length > TEXT_MAX) issues.new_needs = 'tooLong'
  return issues
}

/** The request of a checked form (followUpIssues found nothing). The time goes only when the user
 *  changed it from `openedAt`, the now the dialog opened with: otherwise the server's now counts,
 *  which no clock of the browser's can put in the future. It goes with Shanghai's offset, which the
 *  server requires (RFC 3339). Blank new needs are none. */
export function followUpInput(form: FollowUpForm, openedAt: string): FollowUpInput {
  if (!form.channel || !form.situation) throw new Error('followUpInput: an unchecked form')
  const input: FollowUpInput = { note: form.note.trim(), situation: form.situation, channel: form.channel }
  if (form.at && form.at !== openedAt) input.at = withShanghaiOffset(form.at)
  const needs = form.newNeeds.trim()
  if (needs) input.new_needs = needs
  return input
}

/** Whether a case may still be opened for the follow-up's new needs: it is done, the client raised
 *  some, and none was opened for them yet. */
export function opensCase(followUp: Pick<FollowUp, 'status' | 'new_needs' | 'new_case_id'>): boolean {
  return followUp.status === 'done' && followUp.new_needs.trim() !== '' && followUp.new_case_id === null
}

/** What the dialog offers once the follow-up is recorded (完成 always). */
export interface NextSteps {
  /** 为新需求新建个案. */
  newCase: boolean
  /** 发送满意度调查 (the case page opens its dialog). */
  survey: boolean
}

export function nextSteps(recorded: Pick<FollowUp, 'status' | 'new_needs' | 'new_case_id'>, canSendSurvey: boolean): NextSteps {
  return { newCase: opensCase(recorded), survey: canSendSurvey }
}

const SITUATION_TAGS: Record<FollowUpSituation, TagType> = {
  better: 'success',
  same: 'info',
  worse: 'danger',
}

export function situationTagType(situation: FollowUpSituation): TagType {
  return SITUATION_TAGS[situation]
}

/** Refusals of 为新需求新建个案 that point at a case: the client's open one, or the one already
 *  opened for these needs. */
const POINTS_AT_CASE = new Set(['cases.client_has_open_case', 'cases.followup_case_opened'])

/** Whether the error is a refusal that names a case to go to instead (shown with a way to it). */
export function pointsAtCase(error: unknown): error is ApiError {
  return isApiError(error) && POINTS_AT_CASE.has(error.code)
}

/** The case such a refusal names (params.existing_id, or a detail's), null when it names none. */
export function existingCaseId(error: unknown): number | null {
  if (!isApiError(error)) return null
  const candidates = [error.params.existing_id, ...error.details.map((d) => d.params?.existing_id)]
  for (const value of candidates) {
    const id = Number(value)
    if (value !== undefined && Number.isInteger(id) && id > 0) return id
  }
  return null
}
