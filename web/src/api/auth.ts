// Signing in and out, the signed-in user (GET /api/v1/me), one's own password
// and second factor.
import { endpoint, type CallOptions, type RequestBody } from './request'
import type { components } from './schema'

type Schemas = components['schemas']

export const PERMISSIONS = [
  'orgs.read',
  'orgs.manage',
  'regions.manage',
  'users.manage',
  'audit.read',
  'settings.manage',
  'clients.read',
  'clients.write',
  'clients.reveal',
  'cases.read',
  'cases.write',
  'cases.approve',
  'cases.notes',
  'cases.configure',
  'jobs.read',
  'quality.read',
  'quality.manage',
] as const satisfies readonly Schemas['Permission'][]
export type Permission = Schemas['Permission']

export type MeMembership = Schemas['MeMembership']
/** The signed-in user; `permissions` are those held in at least one organisation. */
export type Me = Schemas['Me']
export type LoginInput = RequestBody<'/api/v1/auth/login', 'post'>
/** `needs_totp_setup`: the user's role requires a second factor that is not set up yet. */
export type LoginReply = Schemas['LoginReply']
export type PasswordChange = RequestBody<'/api/v1/me/password', 'post'>
/** `uri` is otpauth://totp/… for an authenticator app. */
export type TotpSetup = Schemas['TotpSetup']
type Ok = Schemas['Ok']

const loginEndpoint = endpoint('POST', '/api/v1/auth/login')
const logoutEndpoint = endpoint('POST', '/api/v1/auth/logout')
const meEndpoint = endpoint('GET', '/api/v1/me')
const passwordEndpoint = endpoint('POST', '/api/v1/me/password')
const totpSetupEndpoint = endpoint('POST', '/api/v1/me/totp/setup')
const totpEnableEndpoint = endpoint('POST', '/api/v1/me/totp/enable')

/** Signs in; the caller shows errors (auth.invalid_credentials — also when locked out —, auth.totp_required …). */
export function login(input: LoginInput): Promise<LoginReply> {
  return loginEndpoint({ body: input, silent: true, handleAuth: false })
}

export function logout(): Promise<Ok> {
  return logoutEndpoint({ silent: true, handleAuth: false })
}

export function getMe(options?: CallOptions): Promise<Me> {
  return meEndpoint({ ...options })
}

export function changePassword(input: PasswordChange, options?: CallOptions): Promise<Ok> {
  return passwordEndpoint({ body: input, ...options })
}

export function setupTotp(options?: CallOptions): Promise<TotpSetup> {
  return totpSetupEndpoint({ ...options })
}

export function enableTotp(code: string, options?: CallOptions): Promise<Ok> {
  return totpEnableEndpoint({ body: { code }, ...options })
}
