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
step('Installing dependencies', 'npm', ['ci', '--no-audit', '--no-fund'], {
  env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
})

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
    'Desktop shell unavailable: the Electron runtime could not be downloaded on this machine; use `npm run start:web` to run Meterbook in a browser.',
  )
}

step('Building the app, the browser host and the CLI', 'npm', ['run', 'build'])
console.log(
  '\nSet-up complete. `npm start` (desktop), `npm run start:web` (browser), `npm test` (all tests), `npx meterbook --help` (CLI).',
)
