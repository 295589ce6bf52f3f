// 质量概览 per role, as data: which panels the caller's memberships open (a leader's objectives and
// cycles, a supervisor's audits and supervision due, the bureau's agencies on funnel plots), what the
// open improvement cycles add up to per PDCA phase, how far an audit round has come, and how long
// a supervisee has waited. Plain functions of the API's answers, tested without a browser.
import { tokenColor, type ChartOption } from '@/composables/useChart'
import type { Translate } from '../charts'

export type OpenPhase = 'plan' | 'do' | 'check' | 'act'
export const OPEN_PHASES: readonly OpenPhase[] = ['plan', 'do', 'check', 'act']

/** The organisation each role-panel speaks for (null: the caller does not hold that role there). */
export interface DashboardRoles {
  leaderOrgId: number | null
  supervisorOrgId: number | null
  bureauOrgId: number | null
}

interface MembershipLike {
  org_id: number
  role: string
}

/**
 * The organisation the caller holds each role at: the active organisation when one is picked (and
 * they hold the role there), else their first membership with that role.
 */
export function dashboardRoles(memberships: readonly MembershipLike[], activeOrgId: number | null): DashboardRoles {
  const at = (role: string): number | null => {
    const held = memberships.filter((m) => m.role === role)
    if (activeOrgId !== null) return held.find((m) => m.org_id === activeOrgId)?.org_id ?? null
    return held[0]?.org_id ?? null
  }
  return { leaderOrgId: at('leader'), supervisorOrgId: at('supervisor'), bureauOrgId: at('bureau_officer') }
}

interface CycleLike {
  phase: string
  actions: readonly { done: boolean; overdue: boolean }[]
}

export interface CycleSummary {
  phases: Record<OpenPhase, number>
  open: number
  overdueActions: number
}

/**
 * Open cycles per phase (closed ones left out) and the overdue actions they hold. `totals` gives a
 * phase's count when the list holds only a page of it (the server's total of the phase's list).
 */
export function cycleSummary(cycles: readonly CycleLike[], totals: Partial<Record<OpenPhase, number>> = {}): CycleSummary {
  const phases: Record<OpenPhase, number> = { plan: 0, do: 0, check: 0, act: 0 }
  let overdueActions = 0
  for (const c of cycles) {
    if (!(OPEN_PHASES as readonly string[]).includes(c.phase)) continue
    phases[c.phase as OpenPhase]++
    overdueActions += c.actions.filter((a) => !a.done && a.overdue).length
  }
  for (const p of OPEN_PHASES) phases[p] = Math.max(phases[p], totals[p] ?? 0)
  return { phases, open: OPEN_PHASES.reduce((n, p) => n + phases[p], 0), overdueActions }
}

/** Bars of the open cycles per phase, in PDCA order. */
export function phaseChartOption(summary: CycleSummary, t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'axis', confine: true },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: OPEN_PHASES.map((p) => t(`quality.improvements.phase.${p}`)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: t('quality.dashboard.cycles.count'),
        itemStyle: { color: tokenColor('--el-color-primary', '#409eff') },
        data: OPEN_PHASES.map((p) => summary.phases[p]),
      },
    ],
  }
}

/** Objectives per status: how many are on track, off track and without data. */
export function objectiveCounts(objectives: readonly { status: string }[]): { on_track: number; off_track: number; no_data: number } {
  const counts = { on_track: 0, off_track: 0, no_data: 0 }
  for (const o of objectives) {
    if (o.status === 'on_track' || o.status === 'off_track' || o.status === 'no_data') counts[o.status]++
  }
  return counts
}

/** How far an audit round has come: cases done of those audited, as a whole percentage. */
export function auditProgress(round: { cases_done: number; cases_audited: number }): number {
  if (round.cases_audited <= 0) return 0
  return Math.min(100, Math.round((round.cases_done / round.cases_audited) * 100))
}

/** "32 天前" / "从未督导": how long ago a supervisee's last session was. */
export function sinceText(days: number | null, t: Translate): string {
  if (days === null) return t('quality.dashboard.due.never')
  if (days === 0) return t('quality.dashboard.due.today')
  return t('quality.dashboard.due.daysAgo', { n: days })
}
