// Starts a real `jieli serve` for the browser tests: a fresh SQLite file and key
// in a temporary directory, the demo city (`jieli init --demo`), the built web
// app, a free loopback port. `stop()` kills it and removes the directory.
// `{ demo: false, web: false }` starts a bare one (only an admin, no web app),
// quick enough to ask for the OpenAPI document (scripts/fetch-openapi.mjs).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const webDir = fileURLToPath(new URL('..', import.meta.url))

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer()
    probe.once('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => done(port))
    })
  })
}

async function waitReady(url, child, log, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`jieli serve exited (${child.exitCode}):\n${log.join('')}`)
    try {
      const response = await fetch(`${url}/readyz`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error(`jieli serve did not become ready at ${url}:\n${log.join('')}`)
}

export async function startServer({ demo = true, web = true } = {}) {
  const bin = resolve(process.env.JIELI_BIN ?? join(webDir, '..', 'build', 'release', 'jieli'))
  const webRoot = join(webDir, 'dist')
  if (!existsSync(bin)) throw new Error(`no jieli binary at ${bin} (set JIELI_BIN)`)
  if (web && !existsSync(join(webRoot, 'index.html'))) throw new Error(`no built app in ${webRoot} (run npm run build)`)
  const dir = mkdtempSync(join(tmpdir(), 'jieli-e2e-'))
  const port = await freePort()
  const env = {
    ...process.env,
    JIELI_DB: `sqlite:${join(dir, 'e2e.db')}`,
    JIELI_KEY_FILE: join(dir, 'jieli.key'),
    JIELI_LISTEN: `127.0.0.1:${port}`,
    JIELI_THREADS: '4',
  }
  if (web) env.JIELI_WEB_ROOT = webRoot
  const initArgs = demo ? ['init', '--demo'] : ['init', '--admin-password', 'Jieli@2026-openapi']
  const init = spawnSync(bin, initArgs, { env, encoding: 'utf8' })
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`jieli ${initArgs.join(' ')} failed (${init.status}):\n${init.stdout}${init.stderr}`)
  }
  const log = []
  const child = spawn(bin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout.on('data', (d) => log.push(String(d)))
  child.stderr.on('data', (d) => log.push(String(d)))
  const killOnExit = () => child.kill('SIGKILL')
  process.on('exit', killOnExit)
  const url = `http://127.0.0.1:${port}`

  async function stop() {
    process.off('exit', killOnExit)
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dir, { recursive: true, force: true })
  }

  try {
    await waitReady(url, child, log)
  } catch (error) {
    await stop()
    throw error
  }
  return { url, stop, log }
}
