// The worklist as the home page shows it: filtered by kind and by overdue, with follow-ups long
// past (more than LONG_PAST_DAYS overdue) set apart so that today's work is on top.
import type { WorkItem } from '@/api/cases'

export const WORK_KINDS = ['deadline', 'approval', 'followup', 'risk_review'] as const
export type WorkKind = (typeof WORK_KINDS)[number]

/** Days past due after which a follow-up goes to the collapsed group. */
export const LONG_PAST_DAYS = 7

export interface WorklistFilter {
  kind: WorkKind | ''
  overdueOnly: boolean
}

export function isLongPast(item: WorkItem): boolean {
  return item.kind === 'followup' && item.overdue && item.days_overdue > LONG_PAST_DAYS
}

/** The items the filter keeps, in the server's order: today's work, and the long-past follow-ups. */
export function splitWorklist(items: WorkItem[], filter: WorklistFilter): { current: WorkItem[]; longPast: WorkItem[] } {
  const kept = items.filter((i) => (filter.kind === '' || i.kind === filter.kind) && (!filter.overdueOnly || i.overdue))
  return { current: kept.filter((i) => !isLongPast(i)), longPast: kept.filter(isLongPast) }
}
