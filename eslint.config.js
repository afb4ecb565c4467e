import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * Services depend one way, in the order data flows (ARCHITECTURE.md): a stage may import the
 * stages before it, never one after it; when an earlier stage must set a later one going, it
 * announces and the later stage reacts (invoices/invoice-events, payments/failure-hooks).
 * Beneath every stage: the ledger, audit, settings, the calendar and the pure helpers. On top,
 * free to call any stage: each area's handlers (its part of the ipc registry), the scheduler, the
 * app wiring, the hosts and the overviews that read across stages.
 */
const stages = [
  ['catalog'],
  // Coupons: catalog codes redeemed as a customer's discounts (credits), issue 21 item 6.
  ['customers', 'subscriptions', 'credits', 'coupons'],
  ['usage'],
  // Usage alerts (issue 21, item 4): evaluated on what an import wrote; usage never imports them.
  ['alerts'],
  ['billing'],
  ['invoices'],
  // Disputes credit invoices; payments' event sync brings Stripe's disputes in (issue 21).
  ['disputes'],
  ['payments'],
  ['retries'],
  // Mail reacts to invoices and reads payment failures: after them (issue 21).
  ['mail'],
]
const beneath = [
  'audit',
  'settings',
  'calendar',
  'db',
  'pricing',
  'entitlements',
  'documents',
  'logging',
]
const onTop = [
  'scheduler',
  'plan-moves',
  'what-if',
  'ledger-copy',
  'dashboard',
  'exports',
  // Reports read invoices, payments, credit notes and usage: on top of them (issue 21).
  'reports',
  'system',
  'cli',
  'web',
  'electron',
  'app',
]
/** Every runtime in src-main keeps off Electron (but its host) and the renderer. */
const hostRule = { paths: ['electron'], patterns: [{ group: ['**/src-renderer/**'] }] }
/** `../payments/outbox`, `../../payments`: another top-level folder of src-main by its name. */
const folder = (name) => `^(\\.\\./)+${name}(/|$)`
const forbid = (names, why) =>
  names.map((name) => ({ regex: folder(name), message: `${why} (services depend one way).` }))
const areaHandlers = ['src-main/**/handlers.ts', 'src-main/**/*-handlers.ts']
const dataFlowRules = [
  ...stages.map((level, index) => ({
    files: level.map((area) => `src-main/${area}/**`),
    ignores: areaHandlers,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...hostRule,
          patterns: [
            ...hostRule.patterns,
            ...forbid(stages.slice(index + 1).flat(), `A stage may not import a later one`),
            ...forbid(onTop, 'A stage may not import what sits on top of the services'),
          ],
        },
      ],
    },
  })),
  {
    files: beneath.map((area) => `src-main/${area}/**`),
    ignores: areaHandlers,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...hostRule,
          patterns: [
            ...hostRule.patterns,
            ...forbid([...stages.flat(), ...onTop], 'What lies beneath the stages imports none'),
          ],
        },
      ],
    },
  },
]

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // Pure TypeScript shared by every runtime: no Node, Electron, React or DOM.
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'node:*',
            'electron',
            'react',
            'react-dom',
            '@mui/*',
            '**/src-main/**',
            '**/src-renderer/**',
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'electron', '**/src-main/**', 'typeorm', 'better-sqlite3'] },
      ],
    },
  },
  {
    // Hosts other than Electron's must not load Electron; services must not know any host.
    files: ['src-main/**'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', hostRule],
    },
  },
  ...dataFlowRules,
)
