// How the casework screens show a case's stage, risk, times and waits: tag colours and the short
// text the lists, the inbox and the home page share.
import type { RiskLevel, Stage } from '@/api/cases'

export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

const STAGE_TAGS: Record<Stage, TagType> = {
  intake: 'info',
  assessment: 'primary',
  planning: 'primary',
  intervention: 'warning',
  evaluation: 'success',
  closed: 'info',
}

const RISK_TAGS: Record<RiskLevel, TagType> = {
  low: 'success',
  medium: 'warning',
  high: 'danger',
  critical: 'danger',
}

export function stageTagType(stage: Stage): TagType {
  return STAGE_TAGS[stage]
}

export function riskTagType(risk: RiskLevel): TagType {
  return RISK_TAGS[risk]
}

/** "2026-03-10 09:30" of a local ISO time ("2026-03-10T09:30:00+08:00"); '' for null. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : ''
}

/** "2026-03-10" of a local ISO time; '' for null. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 10) : ''
}

/** The path of a case's page (the route case-detail). */
export function casePath(id: number): string {
  return `/cases/${id}`
}

export interface Elapsed {
  days: number
  hours: number
  minutes: number
}

/** Whole days, hours and minutes from `from` to `to` (never negative). */
export function elapsed(from: string, to: Date | string = new Date()): Elapsed {
  const end = typeof to === 'string' ? Date.parse(to) : to.getTime()
  const ms = Math.max(0, end - Date.parse(from))
  const minutesTotal = Math.floor(ms / 60_000)
  return {
    days: Math.floor(minutesTotal / 1440),
    hours: Math.floor((minutesTotal % 1440) / 60),
    minutes: minutesTotal % 60,
  }
}

/** The i18n key and values that say an elapsed time: "3 天 4 小时", "5 小时", "12 分钟". */
export function elapsedText(value: Elapsed): { key: string; values: Record<string, number> } {
  if (value.days > 0) return { key: 'casework.elapsed.days', values: { days: value.days, hours: value.hours } }
  if (value.hours > 0) return { key: 'casework.elapsed.hours', values: { hours: value.hours } }
  return { key: 'casework.elapsed.minutes', values: { minutes: value.minutes } }
}

/** Today's local (Asia/Shanghai) date, YYYY-MM-DD. */
export function localToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now)
}

/** Local calendar days from today to a deadline's day (0: due today; negative: past). */
export function daysUntil(dueIso: string, now: Date = new Date()): number {
  return Math.round((Date.parse(dueIso.slice(0, 10)) - Date.parse(localToday(now))) / 86_400_000)
}
