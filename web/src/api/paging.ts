// Shapes shared by every list endpoint of the API, and reading a whole list page by page.
import type { components } from './schema'

/** One page of a list: GET …?page=&page_size= answers this (the server's "Page" envelope and its items). */
export type Page<T> = components['schemas']['Page'] & { items: T[] }

/** Paging parameters; the server caps page_size at 200. */
export interface PageQuery {
  page?: number
  page_size?: number
}

/** The largest page the server hands out. */
export const MAX_PAGE_SIZE = 200

/** Reads every page of a list, up to `limit` rows; `truncated` tells whether more existed. */
export async function fetchAllPages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<Page<T>>,
  limit = 10_000,
): Promise<{ rows: T[]; truncated: boolean }> {
  const rows: T[] = []
  for (let page = 1; ; page++) {
    const result = await fetchPage(page, MAX_PAGE_SIZE)
    rows.push(...result.items)
    if (rows.length >= limit) return { rows: rows.slice(0, limit), truncated: result.total > limit }
    if (result.items.length < MAX_PAGE_SIZE || rows.length >= result.total) return { rows, truncated: false }
  }
}
