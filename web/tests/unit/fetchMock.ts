// A fetch stand-in: answers queued JSON replies and records every request.
import { vi } from 'vitest'

export interface RecordedRequest {
  url: string
  method: string
  headers: Record<string, string>
  body: unknown
}

export interface Reply {
  status?: number
  body?: unknown
  /** Extra response headers, e.g. Content-Disposition. */
  headers?: Record<string, string>
}

export function mockFetch(replies: Reply[] | ((request: RecordedRequest) => Reply)) {
  const requests: RecordedRequest[] = []
  const queue = Array.isArray(replies) ? [...replies] : null
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request: RecordedRequest = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...((init?.headers as Record<string, string>) ?? {}) },
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    }
    requests.push(request)
    const reply = queue ? (queue.shift() ?? { status: 500, body: {} }) : (replies as (r: RecordedRequest) => Reply)(request)
    return new Response(JSON.stringify(reply.body ?? {}), {
      status: reply.status ?? 200,
      headers: { 'Content-Type': 'application/json', ...reply.headers },
    })
  })
  vi.stubGlobal('fetch', fn)
  return { fn, requests }
}

export function errorBody(
  code: string,
  message: string,
  details: { field: string; code: string; message: string; params?: Record<string, string> }[] = [],
) {
  return { error: { code, message, details, request_id: 'req-1' } }
}
