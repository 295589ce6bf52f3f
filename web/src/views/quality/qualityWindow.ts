// The windows the quality pages ask for, as local (Asia/Shanghai) "YYYY-MM-DD" days: this quarter,
// the last year, the last two years by month with the first year as the control chart's baseline.
// Pure functions of "today", so they are tested without a clock.

export type WindowChoice = 'month' | 'quarter' | 'half' | 'year' | 'lastYear'
export const WINDOW_CHOICES: readonly WindowChoice[] = ['month', 'quarter', 'half', 'year', 'lastYear']

export interface DayWindow {
  from: string
  to: string
}

const pad = (n: number) => String(n).padStart(2, '0')
const day = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`

/** Today in Shanghai as "YYYY-MM-DD", whatever the browser's zone. */
export function localToday(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')}`
}

function parts(today: string): [number, number, number] {
  const [y, m, d] = today.split('-').map(Number)
  return [y, m, d]
}

/** The last day of a month (m is 1–12). */
function lastDay(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate()
}

/** The first day of the month `back` months before today's month. */
export function monthStart(today: string, back: number): string {
  const [y, m] = parts(today)
  const index = y * 12 + (m - 1) - back
  return day(Math.floor(index / 12), (index % 12) + 1, 1)
}

/** A window ending today (or, for lastYear, the whole previous calendar year). */
export function windowOf(choice: WindowChoice, today: string): DayWindow {
  const [y, m] = parts(today)
  switch (choice) {
    case 'month':
      return { from: day(y, m, 1), to: today }
    case 'quarter':
      return { from: day(y, Math.floor((m - 1) / 3) * 3 + 1, 1), to: today }
    case 'half':
      return { from: day(y, m <= 6 ? 1 : 7, 1), to: today }
    case 'year':
      return { from: day(y, 1, 1), to: today }
    case 'lastYear':
      return { from: day(y - 1, 1, 1), to: day(y - 1, 12, 31) }
  }
}

/**
 * A control chart's default: the last 24 months by month, the first 12 of them the baseline
 * (limits from a year of history, the recent year judged against it).
 */
export function chartWindow(today: string, months = 24): DayWindow & { baseline_from: string; baseline_to: string } {
  const from = monthStart(today, months - 1)
  const baselineEnd = monthStart(today, months - 1 - Math.floor(months / 2))
  const [by, bm] = parts(baselineEnd)
  const beforeEnd = bm === 1 ? day(by - 1, 12, 31) : day(by, bm - 1, lastDay(by, bm - 1))
  return { from, to: today, baseline_from: from, baseline_to: beforeEnd }
}
