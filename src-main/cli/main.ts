import { runCli } from './run-cli'

// better-sqlite3 13 needs Node 22; npm and npx put the project's own Node 22 first on the PATH.
const [major] = process.versions.node.split('.').map(Number)
if ((major ?? 0) < 22) {
  process.stderr.write(
    `meterbook needs Node 22 or newer (this is ${process.versions.node}); run it through npx or npm, which use the project's Node.\n`,
  )
  process.exit(1)
}

process.exitCode = await runCli(process.argv.slice(2))
