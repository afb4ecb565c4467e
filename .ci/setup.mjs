// One-command set-up (`npm run setup`) for a fresh clone, used by developers and by .ci/run alike:
// installs the locked dependencies, installs the Electron runtime where it can be downloaded, and
// builds the hosts and the CLI. Runs on whatever Node runs npm, so it is plain JavaScript.
import { spawnSync } from 'node:child_process'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const onWindows = process.platform === 'win32'
const withProjectNode = {
  ...process.env,
  // The project's own Node 22 (the `node` devDependency) first, as npm scripts have it.
  PATH: [join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter),
}

const run = (command, args, options = {}) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: onWindows, ...options })

const step = (title, command, args, options) => {
  console.log(`\n> ${title}`)
  const result = run(command, args, options)
  if (result.status !== 0) {
    console.error(`Set-up failed at: ${title}`)
    process.exit(result.status ?? 1)
  }
}

// Electron's own postinstall is denied in package.json (allowScripts): its download is tried
// below, where a machine without access to the download can still finish the set-up.
// npm itself runs on the system's Node, which may be older than the Node 22 the project brings
// (the `node` devDependency) and runs everything on: npm's "EBADENGINE" warnings about packages
// wanting Node 22 are then expected, and summed up in one line instead of dozens.
console.log('\n> Installing dependencies')
const install = run('npm', ['ci', '--no-audit', '--no-fund'], {
  env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  stdio: ['inherit', 'inherit', 'pipe'],
  encoding: 'utf8',
})
const engineWarning = /^npm warn EBADENGINE/
const warnings = (install.stderr ?? '').split('\n')
const engineNotes = warnings.filter((line) => engineWarning.test(line))
process.stderr.write(
  warnings
    .filter((line) => line && !engineWarning.test(line))
    .map((line) => `${line}\n`)
    .join(''),
)
if (install.status !== 0) {
  console.error('Set-up failed at: Installing dependencies')
  process.exit(install.status ?? 1)
}
const wanting = new Set(
  engineNotes.map((line) => /package: '([^']+)'/.exec(line)?.[1]).filter(Boolean),
)
if (wanting.size > 0) {
  console.log(
    `npm ran on Node ${process.versions.node}; ${wanting.size} packages ask for a newer Node, which the project brings itself (node_modules/.bin/node) and runs everything on: nothing to do.`,
  )
}

console.log('\n> Installing the Electron runtime')
const electron = run('node', [join('node_modules', 'electron', 'install.js')], {
  env: withProjectNode,
  stdio: 'pipe',
  timeout: 300_000,
})
if (electron.status === 0) {
  console.log('Electron runtime installed: `npm start` opens the desktop app.')
} else {
  console.log(
    'Desktop shell unavailable: the Electron runtime could not be downloaded on this machine, so `npm start` opens Meterbook in the browser instead.',
  )
}

step('Building the app, the browser host and the CLI', 'npm', ['run', 'build'])
console.log(
  '\nSet-up complete. Next: `npm start` opens Meterbook (see "Getting started" in README.md); `npm test` runs every test; `npx meterbook --help` lists the commands.',
)
