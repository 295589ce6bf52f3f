// Refreshes src/api/openapi.snapshot.json from the server, then src/api/schema.d.ts from it:
//   node scripts/fetch-openapi.mjs                  starts a bare `jieli serve` of JIELI_BIN
//                                                   (default ../build/release/jieli) and asks it
//   node scripts/fetch-openapi.mjs http://127.0.0.1:8080   asks a running server
// `npm run api:generate` runs this. The Vitest suite checks the TS API modules and the
// generated types against the snapshot; the e2e run checks the snapshot against the live server.
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { startServer } from '../e2e/server.mjs'
import { generateTypes } from './api-types.mjs'

const target = fileURLToPath(new URL('../src/api/openapi.snapshot.json', import.meta.url))

async function fetchDocument(base) {
  const response = await fetch(new URL('/api/openapi.json', base))
  if (!response.ok) {
    console.error(`fetch-openapi: ${base} answered ${response.status}`)
    process.exit(1)
  }
  return response.json()
}

const given = process.argv[2] ?? process.env.JIELI_URL
let document
if (given) {
  document = await fetchDocument(given)
} else {
  const server = await startServer({ demo: false, web: false })
  try {
    document = await fetchDocument(server.url)
  } finally {
    await server.stop()
  }
}
await writeFile(target, JSON.stringify(document, null, 2) + '\n')
console.log(`fetch-openapi: wrote ${Object.keys(document.paths).length} paths to src/api/openapi.snapshot.json`)
await generateTypes()
console.log('fetch-openapi: wrote src/api/schema.d.ts')
