// The audit log names every action and entity type the server writes, in both languages: the codes
// are read out of the C++ (the statements that write audit entries), so a new action without a name
// fails here rather than showing as a bare code.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ACTIONS, ENTITY_TYPES, actionKey, entityKey } from '@/views/audit/log/auditNames'
import { i18n, setLocale } from '@/locales'

const SRC = resolve(__dirname, '../../../src')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : [path]
  })
}

/** The action codes and entity types in the statements that append to the audit log. */
function writtenByServer(): { actions: Set<string>; entities: Set<string> } {
  const actions = new Set<string>()
  const entities = new Set<string>()
  for (const file of sources(SRC).filter((f) => f.endsWith('.cpp') && !f.endsWith('_test.cpp'))) {
    const text = readFileSync(file, 'utf8')
    // audit_.Record(tx, actor, org, "cases.open", "case", …); RecordLoginEvent(…, "auth.login", …);
    // std::string action = cond ? "orgs.deactivate" : "orgs.update"; entry.action = …
    for (const m of text.matchAll(/(?:audit_\.Record\(|RecordLoginEvent\(|std::string action =|\.action = )([^;]*);/g)) {
      for (const a of m[1].matchAll(/"([a-z_]+\.[a-z_]+)"/g)) actions.add(a[1])
      for (const e of m[1].matchAll(/(?:"[a-z_]+\.[a-z_]+"|\baction)\s*,\s*"([a-z_]+)"/g)) entities.add(e[1])
    }
    for (const e of text.matchAll(/entity_type = "([a-z_]+)"/g)) entities.add(e[1])
  }
  return { actions, entities }
}

describe('audit log names', () => {
  const server = writtenByServer()

  it('finds the server’s actions (the extraction still works)', () => {
    expect(server.actions.size).toBeGreaterThan(40)
    for (const code of ['cases.step_back', 'clients.reveal', 'orgs.create', 'auth.login', 'users.deactivate']) {
      expect(server.actions).toContain(code)
    }
    expect(server.entities).toContain('organization')
  })

  it('names every action and entity type the server writes, in Chinese and English', () => {
    expect([...server.actions].filter((code) => !ACTIONS.includes(code)).sort()).toEqual([])
    expect([...server.entities].filter((type) => !ENTITY_TYPES.includes(type)).sort()).toEqual([])
    try {
      for (const locale of ['zh-CN', 'en'] as const) {
        setLocale(locale)
        const { t, te } = i18n.global
        for (const code of ACTIONS) {
          const key = actionKey(code) as string
          expect(te(key), `${locale} ${code}`).toBe(true)
          expect(t(key)).not.toBe(code)
        }
        for (const type of ENTITY_TYPES) expect(te(entityKey(type) as string), `${locale} ${type}`).toBe(true)
      }
      setLocale('en')
      expect(i18n.global.t(actionKey('cases.step_back') as string)).toBe('Stepped back a stage')
      setLocale('zh-CN')
      expect(i18n.global.t(actionKey('cases.step_back') as string)).toBe('退回上一阶段')
    } finally {
      setLocale('zh-CN')
    }
  })

  it('keeps codes it cannot name as they are', () => {
    expect(actionKey('Not a code')).toBeNull()
    expect(entityKey('cases.open')).toBeNull()
  })
})
