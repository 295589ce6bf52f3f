// Compares the OpenAPI snapshot the unit tests use with a live server's
// document. Routes (path + method), parameters and request bodies must match;
// other differences (summaries, responses) are only reported.

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
    if (!same(operation, current)) notes.push(`${key}: description or responses differ`)
  }
  if (!same(snapshot.components ?? {}, live.components ?? {})) notes.push('components differ')
  return { errors, notes }
}
