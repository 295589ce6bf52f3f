import { describe, expect, it } from 'vitest'
import { chartWindow, localToday, monthStart, windowOf } from '@/views/quality/qualityWindow'

describe('quality windows', () => {
  it('reads today in Shanghai, not in the browser zone', () => {
    // 2026-12-06 17:30 UTC is already the 7th in Shanghai (UTC+8).
    expect(localToday(new Date(Date.UTC(2026, 11, 6, 17, 30)))).toBe('2026-12-07')
    expect(localToday(new Date(Date.UTC(2026, 11, 6, 15, 59)))).toBe('2026-12-06')
  })

  it.each([
    ['month', '2026-05-20', '2026-05-01', '2026-05-20'],
    ['quarter', '2026-05-20', '2026-04-01', '2026-05-20'],
    ['quarter', '2026-01-01', '2026-01-01', '2026-01-01'],
    ['half', '2026-08-03', '2026-07-01', '2026-08-03'],
    ['year', '2026-08-03', '2026-01-01', '2026-08-03'],
    ['lastYear', '2026-08-03', '2025-01-01', '2025-12-31'],
  ] as const)('%s of %s is %s to %s', (choice, today, from, to) => {
    expect(windowOf(choice, today)).toEqual({ from, to })
  })

  it('counts months back across years', () => {
    expect(monthStart('2026-03-15', 0)).toBe('2026-03-01')
    expect(monthStart('2026-03-15', 3)).toBe('2025-12-01')
    expect(monthStart('2026-03-15', 26)).toBe('2024-01-01')
  })

  it('takes the first year of two as the baseline', () => {
    expect(chartWindow('2026-12-06')).toEqual({
      from: '2025-01-01',
      to: '2026-12-06',
      baseline_from: '2025-01-01',
      baseline_to: '2025-12-31',
    })
    expect(chartWindow('2026-03-10')).toEqual({
      from: '2024-04-01',
      to: '2026-03-10',
      baseline_from: '2024-04-01',
      baseline_to: '2025-03-31',
    })
  })
})
