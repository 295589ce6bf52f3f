// Signing in and out, the signed-in user (GET /api/v1/me), one's own password
// and second factor.
import type { OrgKind, Role } from './orgs'
import { endpoint, type CallOptions } from './request'

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
] as const
export type Permission = (typeof PERMISSIONS)[number]

export interface MeMembership {
  org_id: number
  role: Role
  org_name?: string
  org_kind?: OrgKind
}

export interface Me {
  id: number
  username: string
  display_name: string
  memberships: MeMembership[]
  /** Permissions held in at least one organisation. */
  permissions: Permission[]
  via_token: boolean
  totp_enabled?: boolean
  csrf_token?: string
}

export interface LoginInput {
  username: string
  password: string
  totp_code?: string
}

export interface LoginReply extends Me {
  csrf_token: string
  /** The user's role requires a second factor that is not set up yet. */
  needs_totp_setup: boolean
}

export interface PasswordChange {
  current_password: string
  new_password: string
}

export interface TotpSetup {
  secret: string
  /** otpauth://totp/… for an authenticator app. */
  uri: string
}

interface Ok {
  ok: boolean
}

const loginEndpoint = endpoint<LoginReply, LoginInput>('POST', '/api/v1/auth/login')
const logoutEndpoint = endpoint<Ok>('POST', '/api/v1/auth/logout')
const meEndpoint = endpoint<Me>('GET', '/api/v1/me')
const passwordEndpoint = endpoint<Ok, PasswordChange>('POST', '/api/v1/me/password')
const totpSetupEndpoint = endpoint<TotpSetup>('POST', '/api/v1/me/totp/setup')
const totpEnableEndpoint = endpoint<Ok, { code: string }>('POST', '/api/v1/me/totp/enable')

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
