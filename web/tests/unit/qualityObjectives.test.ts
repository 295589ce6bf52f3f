// 质量目标's helpers: how a target, an actual value and a status read in both languages, the range
// of a target in its unit (as the server checks it), and the bar chart of target against actual.
import { afterEach, describe, expect, it } from 'vitest'
import { i18n, setLocale } from '@/locales'
import {
  actualText,
  countsText,
  objectivesChartOption,
  statusTagType,
  targetRange,
  targetText,
  targetValid,
  type ObjectiveLike,
} from '@/views/quality/objectives/objectives'

const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {})

afterEach(() => setLocale('zh-CN'))

function objective(over: Partial<ObjectiveLike> = {}): ObjectiveLike {
  return {
    id: 1,
    indicator: { id: 'assessment_on_time', name: '按时完成预估率', unit: 'percent', direction: 'higher' },
    target: 90,
    actual: { numerator: 4, denominator: 6, value: 400 / 6, suppressed: false },
    status: 'off_track',
    ...over,
  }
}

const caseload = objective({
  id: 2,
  indicator: { id: 'caseload', name: '人均在案量', unit: 'count', direction: 'lower' },
  target: 30,
  actual: { numerator: 24, denominator: 1, value: 24, suppressed: false },
  status: 'on_track',
})

describe('objective texts', () => {
  it('reads a target with its better direction and unit', () => {
    expect(targetText(objective(), t)).toBe('≥ 90.0%')
    expect(targetText(caseload, t)).toBe('≤ 30')
  })

  it('reads the actual value, a small cell and none', () => {
    expect(actualText(objective(), t)).toBe('66.7%')
    const small = objective({ actual: { numerator: 0, denominator: 0, value: null, suppressed: true } })
    expect(actualText(small, t)).toBe('<5')
    expect(countsText(small)).toBe('')
    const none = objective({ actual: { numerator: 0, denominator: 0, value: null, suppressed: false }, status: 'no_data' })
    expect(actualText(none, t)).toBe(t('quality.table.none'))
    expect(countsText(none)).toBe('')
    expect(countsText(objective())).toBe('4 / 6')
    const hours = objective({
      indicator: { id: 'complaint_response_hours', name: '投诉平均响应时长', unit: 'hours', direction: 'lower' },
      actual: { numerator: 1321.1299999999, denominator: 23, value: 57.44, suppressed: false },
    })
    expect(countsText(hours)).toBe('1321.1 / 23')
  })

  it('tags each status and names it in both languages', () => {
    const table: [ObjectiveLike['status'], string, string, string][] = [
      ['on_track', 'success', '达标', 'On track'],
      ['off_track', 'danger', '未达标', 'Off track'],
      ['no_data', 'info', '暂无数据', 'No data'],
    ]
    for (const [status, tag, zh, en] of table) {
      expect(statusTagType(status)).toBe(tag)
      setLocale('zh-CN')
      expect(t(`quality.objectives.statuses.${status}`)).toBe(zh)
      setLocale('en')
      expect(t(`quality.objectives.statuses.${status}`)).toBe(en)
    }
  })
})

describe('target ranges', () => {
  it('follows the server: percent and score 0–100, days to 3660, the others to 10000', () => {
    const table: [Parameters<typeof targetRange>[0], number | null, boolean][] = [
      ['percent', 90, true],
      ['percent', 0, true],
      ['percent', 100, true],
      ['percent', 100.5, false],
      ['percent', -1, false],
      ['percent', null, false],
      ['percent', Number.NaN, false],
      ['score', 55, true],
      ['score', 101, false],
      ['count', 250, true],
      ['per100', 150, true],
      ['hours', 10001, false],
      ['days', 3660, true],
      ['days', 3661, false],
    ]
    for (const [unit, target, valid] of table) expect(targetValid(target, unit), `${unit} ${target}`).toBe(valid)
    expect(targetRange('percent')).toEqual({ min: 0, max: 100 })
  })
})

describe('the target-and-actual chart', () => {
  it('has a bar of each per objective, the actual coloured by its status', () => {
    const option = objectivesChartOption([objective(), caseload], t)
    const series = option.series as { name: string; data: unknown[] }[]
    expect(series.map((s) => s.name)).toEqual(['目标', '实际'])
    expect(series[0].data).toEqual([90, 30])
    const actual = series[1].data as { value: number | null; itemStyle: { color: string } }[]
    expect(actual.map((d) => d.value)).toEqual([400 / 6, 24])
    expect(actual[0].itemStyle.color).not.toBe(actual[1].itemStyle.color)
    expect((option.xAxis as { data: string[] }).data).toEqual(['按时完成预估率', '人均在案量'])
  })

  it('leaves a suppressed actual out and escapes names in the tooltip', () => {
    const hidden = objective({
      indicator: { id: 'x', name: '<b>名</b>', unit: 'percent', direction: 'higher' },
      actual: { numerator: 0, denominator: 0, value: null, suppressed: true },
      status: 'no_data',
    })
    const option = objectivesChartOption([hidden], t)
    const series = option.series as { data: { value: number | null }[] }[]
    expect(series[1].data[0].value).toBeNull()
    const tooltip = option.tooltip as { formatter: (p: unknown) => string }
    const html = tooltip.formatter([{ dataIndex: 0 }])
    expect(html).toContain('&lt;b&gt;名&lt;/b&gt;')
    expect(html).toContain('暂无数据')
    expect(tooltip.formatter([])).toBe('')
  })
})
