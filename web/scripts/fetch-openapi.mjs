// Refreshes src/api/openapi.snapshot.json from a running server:
//   node scripts/fetch-openapi.mjs [http://127.0.0.1:8080]
// The Vitest suite checks the TS API modules against the snapshot; the e2e run
// checks the snapshot against the live server.
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

const base = process.argv[2] ?? process.env.JIELI_URL ?? 'http://127.0.0.1:8080'
const target = fileURLToPath(new URL('../src/api/openapi.snapshot.json', import.meta.url))

const response = await fetch(new URL('/api/openapi.json', base))
if (!response.ok) {
  console.error(`fetch-openapi: ${base} answered ${response.status}`)
  process.exit(1)
}
const document = await response.json()
await writeFile(target, JSON.stringify(document, null, 2) + '\n')
console.log(`fetch-openapi: wrote ${Object.keys(document.paths).length} paths to src/api/openapi.snapshot.json`)
