import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

export default defineConfig({
  main: {
    build: {
      // date-fns's entry loads its thousand modules (1.5 s and 70 MB at every CLI start);
      // bundled, only the functions used remain.
      externalizeDeps: { exclude: ['date-fns', '@date-fns/tz'] },
      rollupOptions: {
        // The desktop host and the CLI (which also starts the browser host) share the services.
        input: {
          index: resolve('src-main/electron/main.ts'),
          cli: resolve('src-main/cli/main.ts'),
          // A billing run's writes, in a worker thread beside its planning (billing/batch-writer.ts).
          'billing-writer': resolve('src-main/billing/write-worker.ts'),
          // A usage import's parsing, beside the writing of its batches (usage/batch-source.ts).
          'usage-parser': resolve('src-main/usage/parse-worker.ts'),
        },
        output: {
          // Flat, so every chunk finds ../renderer and ../preload at the same relative place.
          chunkFileNames: '[name]-[hash].js',
          banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { preload: resolve('src-main/electron/preload.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    build: {
      minify: true,
      // The renderer is read from the local disk (the desktop app) or over loopback (the browser
      // host), never over a network: one 1.9 MB script loads in a few milliseconds, so the web's
      // 500 kB advice would be a warning nobody can act on at every set-up.
      chunkSizeWarningLimit: 3_000,
      rollupOptions: { input: resolve('src-renderer/index.html') },
    },
  },
})
