// Every method + path the TS API modules call must exist in the server's
// OpenAPI document (snapshot in src/api/openapi.snapshot.json; the e2e run
// checks the snapshot against the live server).
import { describe, expect, it } from 'vitest'
import snapshot from '@/api/openapi.snapshot.json'
import { endpoints } from '@/api/request'

// Importing every API module registers its endpoints.
const modules = import.meta.glob('@/api/*.ts', { eager: true })

type Paths = Record<string, Record<string, unknown>>

describe('API modules against the OpenAPI snapshot', () => {
  const paths = snapshot.paths as Paths

  it('loads the API modules and the snapshot', () => {
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(7)
    expect(snapshot.openapi).toMatch(/^3\./)
    expect(endpoints.length).toBeGreaterThanOrEqual(20)
  })

  it('finds every declared endpoint in the snapshot', () => {
    const missing = endpoints
      .filter((e) => !paths[e.path] || !(e.method.toLowerCase() in paths[e.path]))
      .map((e) => `${e.method} ${e.path}`)
    expect(missing).toEqual([])
  })

  it('declares each endpoint once', () => {
    const keys = endpoints.map((e) => `${e.method} ${e.path}`)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('sends request bodies only to operations that take one', () => {
    const bodyless = ['GET', 'DELETE']
    for (const e of endpoints) {
      const operation = paths[e.path]?.[e.method.toLowerCase()] as { requestBody?: unknown } | undefined
      if (operation?.requestBody) expect(bodyless).not.toContain(e.method)
    }
  })
})
