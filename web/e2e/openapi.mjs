// Compares the OpenAPI snapshot the unit tests use with a live server's
// document. Routes (path + method), parameters, request bodies, responses and
// the component schemas must match — the web app's types are generated from
// them (src/api/schema.d.ts); other differences (summaries, tags) are only reported.

function operations(document) {
  const out = new Map()
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      out.set(`${method.toUpperCase()} ${path}`, operation)
    }
  }
  return out
}

function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical(value[k])]),
    )
  }
  return value
}

const same = (a, b) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b))

// An operation without the parts compared on their own: its summary, tags, security, …
const described = ({ parameters, requestBody, responses, ...rest }) => rest

/** Answers { errors: string[], notes: string[] }. */
export function compareOpenApi(snapshot, live) {
  const errors = []
  const notes = []
  const before = operations(snapshot)
  const now = operations(live)
  for (const key of before.keys()) if (!now.has(key)) errors.push(`the server no longer has ${key}`)
  for (const key of now.keys()) if (!before.has(key)) errors.push(`the snapshot lacks ${key}`)
  for (const [key, operation] of before) {
    const current = now.get(key)
    if (!current) continue
    if (!same(operation.parameters ?? [], current.parameters ?? [])) errors.push(`${key}: parameters differ`)
    if (!same(operation.requestBody ?? null, current.requestBody ?? null)) errors.push(`${key}: request body differs`)
    if (!same(operation.responses ?? null, current.responses ?? null)) errors.push(`${key}: responses differ`)
    if (!same(described(operation), described(current))) notes.push(`${key}: summary or tags differ`)
  }
  const components = new Set([...Object.keys(snapshot.components ?? {}), ...Object.keys(live.components ?? {})])
  for (const name of components) {
    const before = snapshot.components?.[name] ?? {}
    const now = live.components?.[name] ?? {}
    for (const key of new Set([...Object.keys(before), ...Object.keys(now)])) {
      if (!same(before[key] ?? null, now[key] ?? null)) errors.push(`components.${name}.${key} differs`)
    }
  }
  return { errors, notes }
}
