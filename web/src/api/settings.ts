// Security settings: which roles must sign in with a second factor.
import { endpoint, type CallOptions } from './request'
import type { components } from './schema'

export type SecuritySettings = components['schemas']['SecuritySettings']
type Ok = components['schemas']['Ok']

const get = endpoint('GET', '/api/v1/settings/security')
const put = endpoint('PUT', '/api/v1/settings/security')

export function getSecuritySettings(options?: CallOptions): Promise<SecuritySettings> {
  return get({ ...options })
}

export function updateSecuritySettings(settings: SecuritySettings, options?: CallOptions): Promise<Ok> {
  return put({ body: settings, ...options })
}
