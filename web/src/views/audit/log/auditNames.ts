// The audit log's actions and entity types by name: the codes the server writes ("cases.step_back",
// "organization") are keys of the audit locale (audit.actions.cases.step_back, audit.entities.…),
// whose Chinese file lists every one (tests/unit/auditNames.test.ts compares it with the C++).
import audit from '@/locales/zh-CN/audit'

/** The modules the actions belong to ("cases"), in the locale's order. */
export const ACTION_GROUPS: string[] = Object.keys(audit.actions)

/** A module's action codes ("cases.open", …). */
export function actionsOf(group: string): string[] {
  const actions = (audit.actions as Record<string, Record<string, string>>)[group] ?? {}
  return Object.keys(actions).map((name) => `${group}.${name}`)
}

/** Every action code the log knows a name for. */
export const ACTIONS: string[] = ACTION_GROUPS.flatMap(actionsOf)

/** Every entity type the log knows a name for. */
export const ENTITY_TYPES: string[] = Object.keys(audit.entities)

const CODE = /^[a-z_]+(\.[a-z_]+)?$/

/** The locale key of an action code, or null for a code the locale cannot hold. */
export function actionKey(code: string): string | null {
  return CODE.test(code) && code.includes('.') ? `audit.actions.${code}` : null
}

/** The locale key of an entity type, or null. */
export function entityKey(type: string): string | null {
  return CODE.test(type) && !type.includes('.') ? `audit.entities.${type}` : null
}
