// A server-side paged, sorted and filtered list: the state a table page needs
// and one `load` that asks the server. Filters are applied on "search"; paging
// and sorting reload at once. With `urlQuery`, the filters, page and sort that
// differ from the defaults live in the URL query (?stage=open&page=2), read when
// the list is made and written on every load: a filtered list can be
// bookmarked and shared, and a reload keeps it.
import { reactive, ref, shallowRef, type UnwrapRef } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import { reportError } from '@/api/request'
import type { Page } from '@/api/paging'

export interface ListParams<F> {
  page: number
  page_size: number
  sort: string
  filters: F
}

export interface PagedListOptions {
  pageSize?: number
  sort?: string
  /** Keep the filters, page and sort in the URL query. */
  urlQuery?: boolean
}

const LIST_KEYS = new Set(['page', 'page_size', 'sort'])

/** A filter value as the URL says it, or undefined when it is the default. */
export function encodeFilter(value: unknown, initial: unknown): string | undefined {
  if (JSON.stringify(value) === JSON.stringify(initial)) return undefined
  if (value === null || value === undefined) return ''
  if (Array.isArray(value)) return value.map(String).join(',')
  return String(value)
}

/** A filter value from the URL, typed after the default (a number, a flag, a list, text). */
export function decodeFilter(text: string, initial: unknown): unknown {
  if (text === '' && (initial === null || typeof initial === 'number')) return null
  if (typeof initial === 'boolean') return text === 'true' || text === '1'
  if (typeof initial === 'number') return Number.isFinite(Number(text)) ? Number(text) : initial
  if (typeof initial === 'string') return text
  if (Array.isArray(initial) || text.includes(',')) return text === '' ? [] : text.split(',')
  return /^-?\d+$/.test(text) ? Number(text) : text
}

/** The filters, page and sort a URL query gives, over the defaults. */
export function stateFromQuery<F extends object>(
  query: LocationQuery,
  defaults: F,
): { filters: F; page?: number; pageSize?: number; sort?: string } {
  const filters = { ...defaults }
  for (const key of Object.keys(defaults) as (keyof F & string)[]) {
    const raw = query[key]
    const text = Array.isArray(raw) ? raw[0] : raw
    if (typeof text === 'string') filters[key] = decodeFilter(text, defaults[key]) as F[keyof F & string]
  }
  const number = (key: string): number | undefined => {
    const n = Number(query[key])
    return typeof query[key] === 'string' && Number.isInteger(n) && n > 0 ? n : undefined
  }
  return { filters, page: number('page'), pageSize: number('page_size'), sort: typeof query.sort === 'string' ? query.sort : undefined }
}

export function usePagedList<T, F extends object>(
  fetchPage: (params: ListParams<F>) => Promise<Page<T>>,
  initialFilters: () => F,
  options: PagedListOptions = {},
) {
  const items = shallowRef<T[]>([])
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(options.pageSize ?? 20)
  const sort = ref(options.sort ?? '')
  const loading = ref(false)
  const filters = reactive(initialFilters())
  let generation = 0

  // Without a router (a component mounted alone in a test) the list simply keeps no URL.
  const route = options.urlQuery ? ((useRoute() as ReturnType<typeof useRoute> | undefined) ?? null) : null
  const router = route ? useRouter() : null
  if (route) {
    const state = stateFromQuery(route.query, initialFilters())
    Object.assign(filters, state.filters as UnwrapRef<F>)
    if (state.page) page.value = state.page
    if (state.pageSize) pageSize.value = state.pageSize
    if (state.sort) sort.value = state.sort
  }

  /** Writes what differs from the defaults into the URL, keeping the query's other keys. */
  function writeQuery(): void {
    if (!route || !router) return
    const defaults = initialFilters() as Record<string, unknown>
    const query: Record<string, string> = {}
    for (const [key, value] of Object.entries(route.query)) {
      if (!(key in defaults) && !LIST_KEYS.has(key) && typeof value === 'string') query[key] = value
    }
    for (const [key, value] of Object.entries(filters as Record<string, unknown>)) {
      const text = encodeFilter(value, defaults[key])
      if (text !== undefined) query[key] = text
    }
    if (page.value > 1) query.page = String(page.value)
    if (pageSize.value !== (options.pageSize ?? 20)) query.page_size = String(pageSize.value)
    if (sort.value && sort.value !== (options.sort ?? '')) query.sort = sort.value
    if (JSON.stringify(query) !== JSON.stringify(route.query)) void router.replace({ query })
  }

  function params(): ListParams<F> {
    return { page: page.value, page_size: pageSize.value, sort: sort.value, filters: { ...(filters as F) } }
  }

  async function load(): Promise<void> {
    const mine = ++generation
    loading.value = true
    writeQuery()
    try {
      const result = await fetchPage(params())
      if (mine !== generation) return
      items.value = result.items
      total.value = result.total
    } catch (error) {
      if (mine === generation) reportError(error)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  function search(): Promise<void> {
    page.value = 1
    return load()
  }

  function resetFilters(): Promise<void> {
    Object.assign(filters, initialFilters() as UnwrapRef<F>)
    return search()
  }

  function setPage(value: number): Promise<void> {
    page.value = value
    return load()
  }

  function setPageSize(value: number): Promise<void> {
    pageSize.value = value
    page.value = 1
    return load()
  }

  /** From an el-table sort-change: prop and "ascending" / "descending" / null. */
  function setSort(prop: string | null, order: string | null): Promise<void> {
    sort.value = prop && order ? (order === 'descending' ? `-${prop}` : prop) : (options.sort ?? '')
    page.value = 1
    return load()
  }

  return { items, total, page, pageSize, sort, loading, filters, params, load, search, resetFilters, setPage, setPageSize, setSort }
}
