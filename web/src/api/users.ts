// Users and their roles (GET/POST /api/v1/users, GET/PATCH /api/v1/users/{id},
// POST …/deactivate, POST …/password).
import type { Role } from './orgs'
import { endpoint, type CallOptions, type RequestBody } from './request'
import type { Page, PageQuery } from './paging'
import type { components } from './schema'

type Schemas = components['schemas']

export type Membership = Schemas['Membership']

export type User = Schemas['User']

export interface UserListQuery extends PageQuery {
  org_id?: number
  /** With org_id: also the staff of the organisations below it (departments, stations). */
  below?: boolean
  role?: Role
  active?: boolean
  q?: string
}

export type UserInput = RequestBody<'/api/v1/users', 'post'>

export type UserPatch = RequestBody<'/api/v1/users/{id}', 'patch'>

type Ok = Schemas['Ok']

const list = endpoint('GET', '/api/v1/users')
const create = endpoint('POST', '/api/v1/users')
const one = endpoint('GET', '/api/v1/users/{id}')
const patch = endpoint('PATCH', '/api/v1/users/{id}')
const deactivate = endpoint('POST', '/api/v1/users/{id}/deactivate')
const password = endpoint('POST', '/api/v1/users/{id}/password')

export function getUserList(query: UserListQuery = {}, options?: CallOptions): Promise<Page<User>> {
  return list({ query: { ...query }, ...options })
}

export function getUser(id: number, options?: CallOptions): Promise<User> {
  return one({ params: { id }, ...options })
}

export function createUser(input: UserInput, options?: CallOptions): Promise<User> {
  return create({ body: input, ...options })
}

export function updateUser(id: number, changes: UserPatch, options?: CallOptions): Promise<User> {
  return patch({ params: { id }, body: changes, ...options })
}

export function deactivateUser(id: number, options?: CallOptions): Promise<User> {
  return deactivate({ params: { id }, ...options })
}

/** Sets a new password and lifts a lock-out. */
export function resetUserPassword(id: number, newPassword: string, options?: CallOptions): Promise<Ok> {
  return password({ params: { id }, body: { new_password: newPassword }, ...options })
}
