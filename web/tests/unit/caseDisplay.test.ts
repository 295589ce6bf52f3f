// The casework screens' shared display helpers: waits, days to a deadline in local days, times.
import { describe, expect, it } from 'vitest'
import { daysUntil, elapsed, elapsedText, formatDate, formatDateTime, localToday, riskTagType, stageTagType } from '@/views/cases/caseDisplay'

describe('elapsed', () => {
  it('counts whole days, hours and minutes, never below zero', () => {
    expect(elapsed('2026-03-10T09:00:00+08:00', '2026-03-13T13:30:59+08:00')).toEqual({ days: 3, hours: 4, minutes: 30 })
    expect(elapsed('2026-03-10T09:00:00+08:00', '2026-03-10T01:00:00Z')).toEqual({ days: 0, hours: 0, minutes: 0 })
    expect(elapsed('2026-03-10T09:00:00+08:00', '2026-03-10T08:59:00+08:00')).toEqual({ days: 0, hours: 0, minutes: 0 })
  })

  it('says the largest units only', () => {
    expect(elapsedText({ days: 3, hours: 4, minutes: 30 })).toEqual({ key: 'casework.elapsed.days', values: { days: 3, hours: 4 } })
    expect(elapsedText({ days: 0, hours: 5, minutes: 1 })).toEqual({ key: 'casework.elapsed.hours', values: { hours: 5 } })
    expect(elapsedText({ days: 0, hours: 0, minutes: 12 })).toEqual({ key: 'casework.elapsed.minutes', values: { minutes: 12 } })
  })
})

describe('daysUntil', () => {
  it('counts local (Asia/Shanghai) calendar days', () => {
    // 2026-03-10 23:30 in Shanghai is 15:30 UTC: still the 10th there.
    const lateEvening = new Date('2026-03-10T15:30:00Z')
    expect(localToday(lateEvening)).toBe('2026-03-10')
    expect(daysUntil('2026-03-10T23:59:59+08:00', lateEvening)).toBe(0)
    expect(daysUntil('2026-03-17T23:59:59+08:00', lateEvening)).toBe(7)
    expect(daysUntil('2026-03-08T23:59:59+08:00', lateEvening)).toBe(-2)
    // Half an hour later it is the 11th in Shanghai.
    expect(daysUntil('2026-03-17T23:59:59+08:00', new Date('2026-03-10T16:30:00Z'))).toBe(6)
  })
})

describe('formatting', () => {
  it('shows local times as written', () => {
    expect(formatDateTime('2026-12-02T23:59:59+08:00')).toBe('2026-12-02 23:59')
    expect(formatDate('2026-12-02T23:59:59+08:00')).toBe('2026-12-02')
    expect(formatDateTime(null)).toBe('')
  })

  it('colours stages and risks', () => {
    expect(stageTagType('intervention')).toBe('warning')
    expect(riskTagType('low')).toBe('success')
    expect(riskTagType('critical')).toBe('danger')
  })
})
