import module from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// better-sqlite3 13 needs Node 22; npm and npx put the project's own Node 22 first on the PATH.
const [major] = process.versions.node.split('.').map(Number)
if ((major ?? 0) < 22) {
  process.stderr.write(
    `meterbook needs Node 22 or newer (this is ${process.versions.node}); run it through npx or npm, which use the project's Node.\n`,
  )
  process.exit(1)
}

// Node keeps the code it compiled on disk (in the temporary directory) and reuses it at the next
// start, which the CLI spends mostly compiling its modules. Enabled before they are imported;
// through the environment, worker threads (which parse usage files, write billing runs) too.
process.env['NODE_COMPILE_CACHE'] ??= join(tmpdir(), 'node-compile-cache')
module.enableCompileCache?.(process.env['NODE_COMPILE_CACHE'])
const { runCli } = await import('./run-cli')
process.exitCode = await runCli(process.argv.slice(2))
