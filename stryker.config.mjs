// Mutation testing of the money core: a surviving mutant is a behaviour no test pins down.
// `npm run mutation` (the score is held at 95 % or more: `thresholds.break`).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'tests/vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src-main/pricing/**/*.ts',
    '!src-main/pricing/handlers.ts',
    'src-main/billing/compute/**/*.ts',
    '!src-main/billing/compute/types.ts',
    'src-main/invoices/credit-notes.ts',
    'src-main/invoices/numbering.ts',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 95, low: 90, break: 95 },
  tempDirName: '.stryker-tmp',
}
