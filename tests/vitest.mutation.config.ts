import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/**
 * The tests that hold the money core (pricing, billing computation, credit notes, numbering):
 * what StrykerJS runs against each mutant (stryker.config.mjs). Integration tests here are the
 * ones that reach credit notes and invoice numbers through the dispatcher.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: [
      'tests/unit/pricing/**/*.test.ts',
      'tests/unit/billing/**/*.test.ts',
      'tests/unit/invoices-numbering.test.ts',
      'tests/unit/money-format.test.ts',
      'tests/integration/invoices-editing.test.ts',
      'tests/integration/credit-note-settlement.test.ts',
      'tests/integration/invoices-documents.test.ts',
    ],
    testTimeout: 20_000,
  },
})
