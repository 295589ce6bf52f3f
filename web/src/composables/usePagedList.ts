// A server-side paged, sorted and filtered list: the state a table page needs
// and one `load` that asks the server. Filters are applied on "search"; paging
// and sorting reload at once.
import { reactive, ref, shallowRef, type UnwrapRef } from 'vue'
import { reportError } from '@/api/request'
import type { Page } from '@/api/paging'

export interface ListParams<F> {
  page: number
  page_size: number
  sort: string
  filters: F
}

export function usePagedList<T, F extends object>(
  fetchPage: (params: ListParams<F>) => Promise<Page<T>>,
  initialFilters: () => F,
  options: { pageSize?: number; sort?: string } = {},
) {
  const items = shallowRef<T[]>([])
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(options.pageSize ?? 20)
  const sort = ref(options.sort ?? '')
  const loading = ref(false)
  const filters = reactive(initialFilters())
  let generation = 0

  function params(): ListParams<F> {
    return { page: page.value, page_size: pageSize.value, sort: sort.value, filters: { ...(filters as F) } }
  }

  async function load(): Promise<void> {
    const mine = ++generation
    loading.value = true
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
