// The clients API module against a stubbed server: the list's filters in the query, create / update
// / reveal with the CSRF token, the duplicate errors read into data, the .xlsx export as a file, and
// the import's raw upload with progress (XMLHttpRequest).
import { describe, expect, it, vi } from 'vitest'
import {
  commitClientImport,
  createClient,
  duplicateCandidates,
  duplicateIdOf,
  exportClients,
  getClientList,
  importContentType,
  previewClientImport,
  revealClient,
  updateClient,
} from '@/api/clients'
import { ApiError, fileNameFrom, setCsrfToken } from '@/api/request'
import { errorBody, mockFetch } from './fetchMock'

const page = { items: [], total: 0, page: 1, page_size: 20 }

describe('clients API', () => {
  it('sends the list filters as query parameters and leaves out empty ones', async () => {
    const { requests } = mockFetch([{ body: page }])
    await getClientList({ q: '张', category: 'disabled', has_risk: false, region_id: 5, gender: undefined, sort: 'name', page: 2, page_size: 50 })
    const url = new URL(requests[0].url, 'http://x')
    expect(url.pathname).toBe('/api/v1/clients')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      q: '张',
      category: 'disabled',
      has_risk: 'false',
      region_id: '5',
      sort: 'name',
      page: '2',
      page_size: '50',
    })
    expect(requests[0].method).toBe('GET')
  })

  it('creates, updates with the duplicate override and reveals with the CSRF token', async () => {
    const { requests } = mockFetch([{ status: 201, body: { id: 7 } }, { body: { id: 7 } }, { body: { id_number: '110105194912310029', phone: '13800001111' } }])
    setCsrfToken('t-1')
    await createClient({ org_id: 4, name: '张三', phone: '13800001111', household: [{ name: '李四', relation: '配偶', contact: '' }] })
    await updateClient(7, { name: '张三', confirm_not_duplicate: true })
    const clear = await revealClient(7)
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /api/v1/clients',
      'PATCH /api/v1/clients/7',
      'POST /api/v1/clients/7/reveal',
    ])
    expect(requests.every((r) => r.headers['X-CSRF-Token'] === 't-1')).toBe(true)
    expect(requests[0].body).toMatchObject({ org_id: 4, household: [{ name: '李四' }] })
    expect(requests[1].body).toEqual({ name: '张三', confirm_not_duplicate: true })
    expect(clear).toEqual({ id_number: '110105194912310029', phone: '13800001111' })
  })

  it('reads the candidates of a possible duplicate and the client behind a duplicate ID number', async () => {
    mockFetch([
      {
        status: 409,
        body: errorBody('clients.possible_duplicate', '发现 2 位姓名相近且手机号相同的服务对象', [
          { field: 'candidates', code: 'candidate', message: '…', params: { id: '301', name: '测**', phone: '138****1111' } },
          { field: 'candidates', code: 'candidate', message: '…', params: { id: '9', name: '测*', phone: '138****1111', org_id: '4' } },
        ]),
      },
      {
        status: 409,
        body: errorBody('clients.duplicate_id_number', '该身份证号已登记', [
          { field: 'id_number', code: 'duplicate_id_number', message: '已登记（编号 42）', params: { existing_id: '42' } },
        ]),
      },
    ])
    const possible = await createClient({ org_id: 4, name: '测试人' }, { silent: true }).catch((e: unknown) => e)
    expect(duplicateCandidates(possible)).toEqual([
      { id: 301, name: '测**', phone: '138****1111' },
      { id: 9, name: '测*', phone: '138****1111', org_id: 4 },
    ])
    expect(duplicateIdOf(possible)).toBeNull()
    const sameId = await createClient({ org_id: 4, name: '测试人' }, { silent: true }).catch((e: unknown) => e)
    expect(duplicateIdOf(sameId)).toBe(42)
    expect(duplicateCandidates(sameId)).toEqual([])
    expect(duplicateCandidates(new Error('x'))).toEqual([])
  })

  it('downloads the export with the filters and the file name the server gives', async () => {
    const { requests } = mockFetch([
      {
        body: 'xlsx-bytes',
        headers: { 'Content-Disposition': `attachment; filename="clients.xlsx"; filename*=UTF-8''%E6%9C%8D%E5%8A%A1%E5%AF%B9%E8%B1%A1.xlsx` },
      },
    ])
    const file = await exportClients({ category: 'elderly', has_risk: true, sort: '-created_at' })
    expect(requests[0].url).toBe('/api/v1/clients/export?category=elderly&has_risk=true&sort=-created_at')
    expect(file.fileName).toBe('服务对象.xlsx')
    expect(await file.blob.text()).toBe('"xlsx-bytes"')
  })

  it('reads file names from Content-Disposition', () => {
    expect(fileNameFrom('attachment; filename="clients.xlsx"')).toBe('clients.xlsx')
    expect(fileNameFrom("attachment; filename*=UTF-8''%E6%9C%8D.xlsx")).toBe('服.xlsx')
    expect(fileNameFrom(null)).toBe('')
  })

  it('names the upload by its file: a workbook or CSV', () => {
    expect(importContentType('名单.XLSX')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(importContentType('名单.csv')).toBe('text/csv')
  })
})

// A stand-in for XMLHttpRequest: records what is sent; the test answers it.
class FakeXhr {
  static sent: FakeXhr[] = []
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: unknown = null
  status = 0
  responseText = ''
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null; onload: (() => void) | null } = {
    onprogress: null,
    onload: null,
  }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null

  open(method: string, url: string): void {
    this.method = method
    this.url = url
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value
  }

  send(body: unknown): void {
    this.body = body
    FakeXhr.sent.push(this)
  }

  /** Sends the body in two halves, then answers. */
  answer(status: number, body: unknown): void {
    this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 })
    this.upload.onprogress?.({ lengthComputable: true, loaded: 10, total: 10 })
    this.upload.onload?.()
    this.status = status
    this.responseText = JSON.stringify(body)
    this.onload?.()
  }
}

describe('clients import upload', () => {
  it('posts the raw file with org_id, its type and the CSRF token, and reports progress', async () => {
    FakeXhr.sent = []
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    setCsrfToken('t-2')
    const file = new File(['姓名\n张三\n'], '名单.csv', { type: 'application/vnd.ms-excel' })
    const progress: number[] = []
    const pending = previewClientImport({ orgId: 4, file, onProgress: (sent, total) => progress.push(Math.round((sent / total) * 100)) })
    const xhr = FakeXhr.sent[0]
    expect(xhr.method).toBe('POST')
    expect(xhr.url).toBe('/api/v1/clients/import/preview?org_id=4')
    // Not the browser's guess (Windows calls a .csv "application/vnd.ms-excel"), which the server refuses.
    expect(xhr.headers['Content-Type']).toBe('text/csv')
    expect(xhr.headers['X-CSRF-Token']).toBe('t-2')
    expect(xhr.body).toBe(file)
    const preview = { rows: [{ row: 2, values: { name: '张三' }, errors: [] }], total: 1, valid: 1, invalid: 0 }
    xhr.answer(200, preview)
    expect(await pending).toEqual(preview)
    expect(progress).toEqual([50, 100, 100])
  })

  it('turns a refused commit into an ApiError with the server’s details', async () => {
    FakeXhr.sent = []
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    const file = new File(['x'], '名单.xlsx')
    const pending = commitClientImport({ orgId: 4, file, silent: true }).catch((e: unknown) => e)
    const xhr = FakeXhr.sent[0]
    expect(xhr.url).toBe('/api/v1/clients/import/commit?org_id=4')
    xhr.answer(
      400,
      errorBody('clients.import_has_errors', '有 1 行数据有误，未导入任何记录', [
        { field: 'rows[3].name', code: 'required', message: '必填。' },
      ]),
    )
    const error = (await pending) as ApiError
    expect(error).toBeInstanceOf(ApiError)
    expect(error.status).toBe(400)
    expect(error.code).toBe('clients.import_has_errors')
    expect(error.fieldErrors()).toEqual({ 'rows[3].name': '必填。' })
  })

  it('reports a network failure', async () => {
    FakeXhr.sent = []
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    const pending = previewClientImport({ orgId: 4, file: new File(['x'], 'a.csv'), silent: true }).catch((e: unknown) => e)
    FakeXhr.sent[0].onerror?.()
    expect(((await pending) as ApiError).code).toBe('http.network')
  })
})
