// The working calendar's arithmetic and checks on the admin's screen (节假日与调休): the weekday of
// a date, the tag of a row's kind, the problems of the rows being edited, and the working days
// they leave — the same rule the server counts by (docs/feedback.md, "Working days"): Monday to
// Friday, less the holidays, plus the moved working days. The server's count is the one that
// holds; this one shows what unsaved rows would give.
import type { CalendarDay, CalendarDayKind } from '@/api/feedback'
import type { TagType } from '@/views/cases/caseDisplay'

/** i18n keys under feedback.calendar.weekdays, Sunday first (as Date.getUTCDay counts). */
export const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
export type WeekdayKey = (typeof WEEKDAY_KEYS)[number]

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** The day of a "YYYY-MM-DD" date as milliseconds at its UTC midnight; null when it is no real date. */
function dayOf(date: string): number | null {
  const m = DATE.exec(date)
  if (!m) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const ms = Date.UTC(year, month - 1, day)
  const d = new Date(ms)
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? ms : null
}

/** 0 (Sunday) to 6 (Saturday) of a "YYYY-MM-DD" date; null when it is no real date. */
export function weekdayOf(date: string): number | null {
  const ms = dayOf(date)
  return ms === null ? null : new Date(ms).getUTCDay()
}

/** The i18n key of a date's weekday, or null. */
export function weekdayKey(date: string): WeekdayKey | null {
  const d = weekdayOf(date)
  return d === null ? null : WEEKDAY_KEYS[d]
}

export function isWeekend(date: string): boolean {
  const d = weekdayOf(date)
  return d === 0 || d === 6
}

/** 休 red, as printed calendars show it; 班 grey. */
export function kindTagType(kind: CalendarDayKind): TagType {
  return kind === 'holiday' ? 'danger' : 'info'
}

/** The rows in date order (rows without a date last, in the order given). */
export function sortDays<T extends Pick<CalendarDay, 'date'>>(days: T[]): T[] {
  return [...days].sort((a, b) => {
    if (!a.date || !b.date) return a.date ? -1 : b.date ? 1 : 0
    return a.date < b.date ? -1 : a.date > b.date ? 1 : 0
  })
}

/** The problems of one row, as i18n keys under feedback.calendar.issues. `blocking` ones keep the
 *  rows from being saved; a warning (a moved working day on a weekday) is only shown. */
export interface RowIssues {
  date?: 'dateMissing' | 'dateOutsideYear' | 'dateTwice'
  name?: 'nameMissing'
  warning?: 'workdayOnWeekday'
}

/** The problems of every row, by index. */
export function rowIssues(days: CalendarDay[], year: number): RowIssues[] {
  const seen = new Map<string, number>()
  for (const d of days) if (d.date) seen.set(d.date, (seen.get(d.date) ?? 0) + 1)
  return days.map((d) => {
    const issues: RowIssues = {}
    if (!d.date || dayOf(d.date) === null) issues.date = 'dateMissing'
    else if (!d.date.startsWith(`${year}-`)) issues.date = 'dateOutsideYear'
    else if ((seen.get(d.date) ?? 0) > 1) issues.date = 'dateTwice'
    if (!d.name.trim()) issues.name = 'nameMissing'
    if (d.kind === 'workday' && d.date && weekdayOf(d.date) !== null && !isWeekend(d.date)) issues.warning = 'workdayOnWeekday'
    return issues
  })
}

/** Whether any row has a problem that keeps the rows from being saved. */
export function hasBlockingIssue(issues: RowIssues[]): boolean {
  return issues.some((i) => i.date !== undefined || i.name !== undefined)
}

/** The working days of a year: Monday to Friday, less the holidays, plus the moved working days.
 *  Rows of other years and rows that repeat a date count once, as the first of them says. */
export function countWorkingDays(year: number, days: CalendarDay[]): number {
  const kinds = new Map<string, CalendarDayKind>()
  for (const d of days) if (d.date.startsWith(`${year}-`) && !kinds.has(d.date)) kinds.set(d.date, d.kind)
  let count = 0
  for (let ms = Date.UTC(year, 0, 1); new Date(ms).getUTCFullYear() === year; ms += 86_400_000) {
    const date = new Date(ms).toISOString().slice(0, 10)
    const weekday = new Date(ms).getUTCDay()
    const kind = kinds.get(date)
    const working = kind === 'workday' || (kind !== 'holiday' && weekday !== 0 && weekday !== 6)
    if (working) count++
  }
  return count
}
