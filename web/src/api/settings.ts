// Security settings: which roles must sign in with a second factor.
import type { Role } from './orgs'
import { endpoint, type CallOptions } from './request'

export interface SecuritySettings {
  totp_required_roles: Role[]
}

const get = endpoint<SecuritySettings>('GET', '/api/v1/settings/security')
const put = endpoint<{ ok: boolean }, SecuritySettings>('PUT', '/api/v1/settings/security')

export function getSecuritySettings(options?: CallOptions): Promise<SecuritySettings> {
  return get({ ...options })
}

export function updateSecuritySettings(settings: SecuritySettings, options?: CallOptions): Promise<{ ok: boolean }> {
  return put({ body: settings, ...options })
}
