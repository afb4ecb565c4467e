#!/usr/bin/env node
// `npm run test:pg`: a throwaway PostgreSQL 15 for the tests that need a server, then gone.
// initdb into a temp folder (as the `postgres` user when run as root: PostgreSQL refuses to run
// as root), a free port on 127.0.0.1, fsync off, a socket folder of its own; METERBOOK_TEST_PG_URL
// tells the tests where it is. The server is stopped and the folder removed however the run ends
// (success, failure, Ctrl-C, SIGTERM). Extra arguments go to Vitest (e.g. one test file).
import { execFileSync, spawn } from 'node:child_process'
import { chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'
if (!existsSync(join(BIN, 'initdb'))) {
  console.error(`test:pg: no PostgreSQL 15 in ${BIN} (apt-get install postgresql, or set PG_BIN)`)
  process.exit(1)
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })

const asRoot = process.getuid?.() === 0
// PostgreSQL will not run as root: as root, every server command runs as `postgres`.
const pgCommand = (tool, args, options = {}) =>
  asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', join(BIN, tool), ...args], options)
    : execFileSync(join(BIN, tool), args, options)

const root = mkdtempSync(join(tmpdir(), 'meterbook-pg-'))
const data = join(root, 'data')
const sockets = join(root, 'sockets')
const log = join(root, 'server.log')
let started = false
let vitest
let cleaned = false

const cleanUp = () => {
  if (cleaned) return
  cleaned = true
  try {
    if (started) pgCommand('pg_ctl', ['-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' })
  } catch {
    // Already stopped: nothing to do but remove the folder.
  }
  rmSync(root, { recursive: true, force: true })
}

const run = async () => {
  mkdirSync(sockets)
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
    for (const path of [root, sockets]) chownSync(path, uid, gid)
  }
  pgCommand('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'], {
    stdio: 'ignore',
  })
  const port = await freePort()
  const options = `-p ${port} -k ${sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`
  pgCommand('pg_ctl', ['-D', data, '-l', log, '-w', '-o', options, 'start'], { stdio: 'ignore' })
  started = true
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  console.log(`test:pg: PostgreSQL 15 on ${url}`)
  vitest = spawn(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      '--config',
      'tests/vitest.pg.config.ts',
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, METERBOOK_TEST_PG_URL: url } },
  )
  return new Promise((resolve) =>
    vitest.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1))),
  )
}

// Ctrl-C in a terminal reaches Vitest too (same process group); a signal sent to this script
// alone is passed on. Either way Vitest stops, then the server and its folder go.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (vitest && vitest.exitCode === null) vitest.kill(signal)
    cleanUp()
    process.exit(130)
  })
}
process.on('exit', cleanUp)

run()
  .then((code) => {
    cleanUp()
    process.exit(code)
  })
  .catch((error) => {
    console.error(`test:pg: ${error instanceof Error ? error.message : String(error)}`)
    if (existsSync(log)) console.error(execFileSync('cat', [log]).toString())
    cleanUp()
    process.exit(1)
  })
