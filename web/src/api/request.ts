// The one HTTP client of the app. It sends the session cookie, the CSRF token on
// every state-changing request and Accept-Language on every request; it turns
// the server's error body {"error": {code, message, details}} into an ApiError
// and shows that error to the user exactly once (unless the caller asked to
// show it itself). Endpoints are declared with `endpoint()` so that tests can
// check every method + path against the server's OpenAPI document.

import type { components, paths } from './schema'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** The error body every failed API call answers with (the server's one error shape). */
export type ErrorBody = components['schemas']['Error']

/** One field issue of a validation error: `field` is e.g. "name" or "memberships[0].role";
 *  `params` holds the values behind the message, when there are any (e.g. {"existing_id": "42"}). */
export type ErrorDetail = ErrorBody['error']['details'][number]

/** The JSON body the operation `method path` takes, as the server's OpenAPI document declares it. */
export type RequestBody<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody: { content: { 'application/json': infer B } }
}
  ? B
  : never

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never

/** The JSON a successful call of `method path` answers (its 200, 201 or 202), as the document declares it. */
export type ResponseBody<P extends keyof paths, M extends HttpMethod> = paths[P][Lowercase<M> & keyof paths[P]] extends {
  responses: infer R
}
  ? JsonOf<R[200 & keyof R]> | JsonOf<R[201 & keyof R]> | JsonOf<R[202 & keyof R]>
  : never

/** A failed API call: HTTP status, the server's error code, its localised message and field issues. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: ErrorDetail[]
  readonly requestId: string
  /** Seconds the server asked to wait before trying again (Retry-After of a 429 or 503), or null. */
  readonly retryAfter: number | null
  /** The values behind the message, when the server sent them (e.g. {existing_id: "42"} of a
   *  conflict with an existing record, for a link to it). */
  readonly params: Record<string, string>
  /** Set once the error has been shown to the user, so that nobody shows it twice. */
  shown = false

  constructor(
    status: number,
    code: string,
    message: string,
    details: ErrorDetail[] = [],
    requestId = '',
    retryAfter: number | null = null,
    params: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.details = details
    this.requestId = requestId
    this.retryAfter = retryAfter
    this.params = params
  }

  /** The field issues as field → message (the first message of each field). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const d of this.details) if (!(d.field in out)) out[d.field] = d.message
    return out
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue>

export interface CallOptions {
  /** The caller shows the error itself (e.g. under form fields): the client does not. */
  silent?: boolean
  /** false: do not redirect on an expired session or a required TOTP set-up (used at start-up and sign-in). */
  handleAuth?: boolean
}

export interface RequestOptions extends CallOptions {
  query?: Query
  body?: unknown
}

/** What the client needs from the app around it; main.ts wires these to i18n, ElMessage and the router. */
export interface ClientHooks {
  /** The UI language, sent as Accept-Language ("zh-CN" or "en"). */
  language: () => string
  /** Shows one error message to the user. */
  notify: (message: string) => void
  /** The session is missing or has expired (401 auth.unauthenticated / auth.session_expired). */
  onSessionEnded: (error: ApiError) => void
  /** The session must set up a second factor first (403 auth.totp_setup_required). */
  onTotpSetupRequired: (error: ApiError) => void
  /** Message for a failure without an error body (network down, proxy error). */
  fallbackMessage: (status: number) => string
}

const hooks: ClientHooks = {
  language: () => 'zh-CN',
  notify: () => {},
  onSessionEnded: () => {},
  onTotpSetupRequired: () => {},
  fallbackMessage: (status) => (status === 0 ? '无法连接服务器。' : `请求失败（${status}）。`),
}

let csrfToken = ''

export function configureClient(overrides: Partial<ClientHooks>): void {
  Object.assign(hooks, overrides)
}

/** The CSRF token from the sign-in answer or GET /api/v1/me; '' when signed out. */
export function setCsrfToken(token: string): void {
  csrfToken = token
}

export function getCsrfToken(): string {
  return csrfToken
}

/** Shows an error to the user unless that already happened. Non-API errors get the generic message. */
export function reportError(error: unknown): void {
  if (isApiError(error)) {
    if (error.shown) return
    error.shown = true
    // A detail without a field (the server's "N more issues") is shown as it is.
    const extra = error.details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join('；')
    hooks.notify(extra ? `${error.message}（${extra}）` : error.message)
    return
  }
  hooks.notify(hooks.fallbackMessage(0))
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false
  const inner = (value as { error: unknown }).error
  return typeof inner === 'object' && inner !== null && typeof (inner as { code?: unknown }).code === 'string'
}

/** Seconds to wait from a Retry-After header: delta-seconds, or an HTTP date (from `now`); null when
 *  absent or unreadable. The public forms tell people how long to wait after a 429. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  const text = header?.trim() ?? ''
  if (!text) return null
  if (/^\d+$/.test(text)) return Number(text)
  const at = Date.parse(text)
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - now) / 1000)) : null
}

/** The string values of an error body's `params` (read defensively: older servers send none). */
function paramsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' || typeof item === 'number') out[key] = String(item)
  }
  return out
}

/** The ApiError for a failed answer with this status and (parsed) body. */
function errorFromBody(status: number, body: unknown, retryAfter: number | null = null): ApiError {
  if (isErrorBody(body)) {
    const e = body.error
    const details = Array.isArray(e.details) ? e.details : []
    const params = paramsOf(e.params)
    return new ApiError(status, e.code, e.message, details, e.request_id ?? '', retryAfter, params)
  }
  return new ApiError(status, 'http.failed', hooks.fallbackMessage(status), [], '', retryAfter)
}

/** Turns a failed response into an ApiError. */
export async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null
  try {
    body = await response.json()
  } catch {
    body = null
  }
  return errorFromBody(response.status, body, parseRetryAfter(response.headers.get('Retry-After')))
}

const SESSION_ENDED = new Set(['auth.unauthenticated', 'auth.session_expired'])

function dispatch(error: ApiError, options: CallOptions): void {
  if (options.handleAuth !== false) {
    if (error.status === 401 && SESSION_ENDED.has(error.code)) {
      error.shown = true
      hooks.onSessionEnded(error)
      return
    }
    if (error.status === 403 && error.code === 'auth.totp_setup_required') {
      error.shown = true
      hooks.onTotpSetupRequired(error)
      return
    }
  }
  if (!options.silent) reportError(error)
}

/** The headers every request carries: what it accepts, the UI language, the CSRF token when it changes state. */
function baseHeaders(method: HttpMethod, accept: string): Record<string, string> {
  const headers: Record<string, string> = { Accept: accept, 'Accept-Language': hooks.language() }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  return headers
}

/** Sends a request and answers the successful response; throws (and dispatches) ApiError on failure. */
async function send(method: HttpMethod, path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers = baseHeaders(method, accept)
  let body: string | undefined
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), { method, headers, body, credentials: 'same-origin' })
  } catch {
    const error = new ApiError(0, 'http.network', hooks.fallbackMessage(0))
    dispatch(error, options)
    throw error
  }
  if (!response.ok) {
    const error = await toApiError(response)
    dispatch(error, options)
    throw error
  }
  return response
}

/** Sends one API request and answers the parsed JSON body; throws ApiError on failure. */
export async function request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options, 'application/json')
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

/** A file the server sent: its bytes and the name it suggested. */
export interface DownloadedFile {
  blob: Blob
  /** From Content-Disposition (the UTF-8 filename* first), '' when the server named none. */
  fileName: string
}

/** The file name a Content-Disposition header suggests, '' when none. */
export function fileNameFrom(disposition: string | null): string {
  if (!disposition) return ''
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)
  if (utf8) {
    try {
      return decodeURIComponent(utf8[1].trim())
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition)
  return plain ? plain[1].trim() : ''
}

/** Sends one request whose answer is a file (an export); throws ApiError on failure. */
export async function requestFile(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<DownloadedFile> {
  const response = await send(method, path, options, '*/*')
  return { blob: await response.blob(), fileName: fileNameFrom(response.headers.get('Content-Disposition')) }
}

/** Hands a downloaded file to the browser to save. */
export function saveFile(file: DownloadedFile, fallbackName: string): void {
  const url = URL.createObjectURL(file.blob)
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName || fallbackName
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export interface UploadOptions extends CallOptions {
  query?: Query
  /** The file, sent as the raw request body. */
  file: Blob
  /** The body's Content-Type. */
  contentType: string
  /** Bytes sent so far of the total; called with sent === total once the upload is complete. */
  onProgress?: (sent: number, total: number) => void
}

/**
 * Sends a file as the raw body of one request and answers the parsed JSON reply; throws ApiError on
 * failure. XMLHttpRequest rather than fetch, because only it reports upload progress.
 */
export function upload<T>(method: HttpMethod, path: string, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, buildUrl(path, options.query))
    for (const [name, value] of Object.entries(baseHeaders(method, 'application/json'))) xhr.setRequestHeader(name, value)
    xhr.setRequestHeader('Content-Type', options.contentType)
    const fail = (error: ApiError): void => {
      dispatch(error, options)
      reject(error)
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded, event.total)
    }
    xhr.upload.onload = () => options.onProgress?.(options.file.size, options.file.size)
    xhr.onerror = () => fail(new ApiError(0, 'http.network', hooks.fallbackMessage(0)))
    xhr.onload = () => {
      let body: unknown = null
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        body = null
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T)
      else fail(errorFromBody(xhr.status, body))
    }
    xhr.send(options.file)
  })
}

/** A declared endpoint: its method and OpenAPI path template, e.g. "/api/v1/orgs/{id}". */
export interface Endpoint {
  method: HttpMethod
  path: string
}

/** Every endpoint the API modules declared; the OpenAPI snapshot test walks this list. */
export const endpoints: Endpoint[] = []

export interface EndpointCall<TBody> extends CallOptions {
  params?: Record<string, string | number>
  query?: Query
  body?: TBody
}

/** The path of a template ("/api/v1/orgs/{id}") with its parameters filled in, each URL-encoded. */
function fillPath(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${template}`)
    return encodeURIComponent(String(value))
  })
}

/** Declares an endpoint and answers a function that calls it, typed by the OpenAPI document:
 *  its body is the operation's request body, its answer the operation's success response. */
export function endpoint<P extends keyof paths, M extends HttpMethod>(method: M, path: P) {
  type Body = RequestBody<P, Lowercase<M> & keyof paths[P]>
  endpoints.push({ method, path })
  return (call: EndpointCall<Body> = {}): Promise<ResponseBody<P, M>> => {
    const { params, query, body, ...options } = call
    return request<ResponseBody<P, M>>(method, fillPath(path, params), { ...options, query, body })
  }
}

/** Declares an endpoint that answers a file (e.g. an .xlsx export). */
export function fileEndpoint(method: HttpMethod, path: string) {
  endpoints.push({ method, path })
  return (call: EndpointCall<never> = {}): Promise<DownloadedFile> => {
    const { params, query, ...options } = call
    return requestFile(method, fillPath(path, params), { ...options, query })
  }
}

export interface UploadCall extends UploadOptions {
  params?: Record<string, string | number>
}

/** Declares an endpoint that takes a file as its raw body (e.g. an import); its answer is the
 *  operation's success response in the OpenAPI document. */
export function uploadEndpoint<P extends keyof paths, M extends HttpMethod>(method: M, path: P) {
  endpoints.push({ method, path })
  return (call: UploadCall): Promise<ResponseBody<P, M>> => {
    const { params, ...options } = call
    return upload<ResponseBody<P, M>>(method, fillPath(path, params), options)
  }
}
