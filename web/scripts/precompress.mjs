// Writes name.br and name.gz beside each compressible file of the built app, so
// that `jieli serve` sends them as they are (brotli to browsers that take it,
// gzip to the rest) without compressing anything per request. Runs after
// `vite build`; prints what it saved. A copy that is not smaller is not kept.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const distDir = process.argv[2] ?? fileURLToPath(new URL('../dist', import.meta.url))
const compressible = /\.(js|mjs|css|html|svg|json|webmanifest|txt|ico)$/
const minBytes = 1024 // below this the headers cost more than compression saves

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* files(path)
    else if (entry.isFile()) yield path
  }
}

let plainTotal = 0
let brTotal = 0
let gzTotal = 0
for (const path of files(distDir)) {
  if (!compressible.test(path) || statSync(path).size < minBytes) continue
  const plain = readFileSync(path)
  const br = brotliCompressSync(plain, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
    },
  })
  const gz = gzipSync(plain, { level: 9 })
  plainTotal += plain.length
  if (br.length < plain.length) {
    writeFileSync(`${path}.br`, br)
    brTotal += br.length
  } else brTotal += plain.length
  if (gz.length < plain.length) {
    writeFileSync(`${path}.gz`, gz)
    gzTotal += gz.length
  } else gzTotal += plain.length
  if (process.env.PRECOMPRESS_VERBOSE) console.log(`${relative(distDir, path)}: ${plain.length} → br ${br.length}, gz ${gz.length}`)
}
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`
console.log(`precompressed ${relative(process.cwd(), distDir) || '.'}: ${kib(plainTotal)} → brotli ${kib(brTotal)}, gzip ${kib(gzTotal)}`)
