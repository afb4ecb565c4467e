import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The tests that need a PostgreSQL server: run by `npm run test:pg`
// (tests/support/run-with-postgres.mjs), which starts one and sets METERBOOK_TEST_PG_URL.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['tests/pg/**/*.test.ts'],
    testTimeout: 30_000,
  },
})
