// The one place ECharts lives. It registers the chart types and components the
// app uses once, builds the "jieli" theme from Element Plus's colour tokens, and
// gives each chart a lifecycle: created on mount, redrawn when its option
// changes, resized with its box, disposed on unmount. Later modules (caseloads,
// indicators, control charts) add their series types to `use` below.
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts'
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption, ScatterSeriesOption } from 'echarts/charts'
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components'
import type {
  DatasetComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { onBeforeUnmount, onMounted, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'

export type ChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | ScatterSeriesOption
  | DatasetComponentOption
  | GridComponentOption
  | LegendComponentOption
  | MarkAreaComponentOption
  | MarkLineComponentOption
  | TitleComponentOption
  | TooltipComponentOption
>

export const CHART_THEME = 'jieli'

// Element Plus's palette tokens, in the order series take them.
const PALETTE_TOKENS = [
  ['--el-color-primary', '#409eff'],
  ['--el-color-success', '#67c23a'],
  ['--el-color-warning', '#e6a23c'],
  ['--el-color-danger', '#f56c6c'],
  ['--el-color-info', '#909399'],
  ['--el-color-primary-light-3', '#79bbff'],
  ['--el-color-success-light-3', '#95d475'],
  ['--el-color-warning-light-3', '#eebe77'],
] as const

function token(style: CSSStyleDeclaration | null, name: string, fallback: string): string {
  const value = style?.getPropertyValue(name).trim()
  return value || fallback
}

/** One of the page's colour tokens (e.g. "--el-color-danger"), for a series that must carry a meaning. */
export function tokenColor(name: string, fallback: string): string {
  return token(typeof document !== 'undefined' ? getComputedStyle(document.documentElement) : null, name, fallback)
}

/** The theme built from the page's CSS variables (falls back to Element Plus's defaults). */
export function themeFromTokens(): Record<string, unknown> {
  const style = typeof document !== 'undefined' ? getComputedStyle(document.documentElement) : null
  const text = token(style, '--el-text-color-regular', '#606266')
  const border = token(style, '--el-border-color-lighter', '#ebeef5')
  return {
    color: PALETTE_TOKENS.map(([name, fallback]) => token(style, name, fallback)),
    backgroundColor: 'transparent',
    textStyle: { color: text, fontFamily: 'inherit' },
    title: { textStyle: { color: token(style, '--el-text-color-primary', '#303133'), fontSize: 14 } },
    legend: { textStyle: { color: text } },
    categoryAxis: { axisLine: { lineStyle: { color: border } }, axisLabel: { color: text } },
    valueAxis: { splitLine: { lineStyle: { color: border } }, axisLabel: { color: text } },
  }
}

let registered = false

/** Registers the chart parts and the theme; safe to call many times. */
export function registerCharts(): void {
  if (registered) return
  echarts.use([
    BarChart,
    LineChart,
    PieChart,
    ScatterChart,
    DatasetComponent,
    GridComponent,
    LegendComponent,
    MarkAreaComponent,
    MarkLineComponent,
    TitleComponent,
    TooltipComponent,
    CanvasRenderer,
  ])
  echarts.registerTheme(CHART_THEME, themeFromTokens())
  registered = true
}

/**
 * Draws `option` into the element `el` refers to, for as long as the calling
 * component lives. Pass a getter or ref: the chart follows its changes (for
 * example a language switch that renames the series).
 */
export function useChart(el: Ref<HTMLElement | null>, option: MaybeRefOrGetter<ChartOption | null>) {
  const chart = shallowRef<echarts.ECharts | null>(null)
  let observer: ResizeObserver | null = null

  function draw(): void {
    const value = toValue(option)
    if (chart.value && value) chart.value.setOption(value, { notMerge: true })
  }

  function resize(): void {
    chart.value?.resize()
  }

  onMounted(() => {
    if (!el.value) return
    registerCharts()
    chart.value = echarts.init(el.value, CHART_THEME, { renderer: 'canvas' })
    draw()
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(() => resize())
      observer.observe(el.value)
    } else {
      window.addEventListener('resize', resize)
    }
  })

  watch(() => toValue(option), draw, { deep: true })

  onBeforeUnmount(() => {
    observer?.disconnect()
    observer = null
    window.removeEventListener('resize', resize)
    chart.value?.dispose()
    chart.value = null
  })

  return { chart, resize }
}
