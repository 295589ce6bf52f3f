// Quality indicators (质量指标) computed from the records: the catalogue, every
// indicator's values by unit for a window, one indicator's series with its
// control chart (p or XmR) and Western Electric rule breaks, and a funnel plot
// of units against the overall value. Values are in the indicator's unit
// (percent 0–100, per 100, hours, score, count); dates are local "YYYY-MM-DD".
// A cell whose denominator is under 5 comes back suppressed: no value and no
// counts. See docs/quality.md ("Indicators").
import { endpoint, type CallOptions } from './request'
import type { components } from './schema'

type Schemas = components['schemas']

export type Indicator = Schemas['Indicator']
export type IndicatorBrief = Schemas['IndicatorBrief']
export type IndicatorUnit = Schemas['IndicatorUnit']
export type IndicatorCell = Schemas['IndicatorCell']
export type IndicatorValues = Schemas['IndicatorValues']
export type SeriesPoint = Schemas['SeriesPoint']
export type IndicatorSeries = Schemas['IndicatorSeries']
export type FunnelUnit = Schemas['FunnelUnit']
export type Funnel = Schemas['IndicatorFunnel']

export const GRANULARITIES = ['week', 'month', 'quarter', 'year'] as const
export type Granularity = (typeof GRANULARITIES)[number]

export type ValuesBy = 'org' | 'worker' | 'district' | 'category'
export type FunnelBy = 'org' | 'worker' | 'district'

/** The window and scope every indicator call takes; absent: the caller's whole scope, the year to today. */
export interface IndicatorWindow {
  org_id?: number
  worker_id?: number
  from?: string
  to?: string
}

export interface ValuesQuery extends IndicatorWindow {
  by?: ValuesBy
  granularity?: Granularity
}

export interface SeriesQuery extends IndicatorWindow {
  granularity?: Granularity
  baseline_from?: string
  baseline_to?: string
}

export interface FunnelQuery extends IndicatorWindow {
  by?: FunnelBy
}

const catalogue = endpoint('GET', '/api/v1/quality/indicators')
const values = endpoint('GET', '/api/v1/quality/indicators/values')
const series = endpoint('GET', '/api/v1/quality/indicators/{id}/series')
const funnel = endpoint('GET', '/api/v1/quality/indicators/{id}/funnel')

/** Every indicator: names, definitions, formulas, direction, unit, chart, and whether it is measured yet. */
export async function listIndicators(options?: CallOptions): Promise<Indicator[]> {
  const body = await catalogue({ ...options })
  return body.items
}

/** Every indicator over the window by unit (and per period with a granularity). */
export function getIndicatorValues(query: ValuesQuery = {}, options?: CallOptions): Promise<IndicatorValues> {
  return values({ query: { ...query }, ...options })
}

/** One indicator per period with its control chart from the baseline (the whole range by default). */
export function getIndicatorSeries(id: string, query: SeriesQuery = {}, options?: CallOptions): Promise<IndicatorSeries> {
  return series({ params: { id }, query: { ...query }, ...options })
}

/** The units of one indicator against the overall value, with 95 % and 99.8 % funnel limits. */
export function getIndicatorFunnel(id: string, query: FunnelQuery = {}, options?: CallOptions): Promise<Funnel> {
  return funnel({ params: { id }, query: { ...query }, ...options })
}
