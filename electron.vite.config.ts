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
      // host), never over a network, so the web's 500 kB advice would be a warning nobody can
      // act on at every set-up. What costs there is parsing and running code the first screen
      // does not need: each page is its own chunk (src-renderer/lazy-page.tsx).
      chunkSizeWarningLimit: 3_000,
      rollupOptions: {
        input: resolve('src-renderer/index.html'),
        output: {
          // The libraries in chunks of their own, shared by the pages and kept apart from our
          // code. React and MUI's core load with every page; the grid and the charts only with
          // a page that shows one. The core groups come first, so the grid's and the charts'
          // groups (which take their modules' dependencies along) find them taken.
          codeSplitting: {
            groups: [
              {
                name: 'vendor-react',
                test: /node_modules[\\/](react|react-dom|react-is|scheduler|react-router|@tanstack)[\\/]/,
                priority: 5,
              },
              {
                name: 'vendor-mui',
                test: /node_modules[\\/](@mui[\\/](material|system|utils|styled-engine|private-theming|types)|@emotion|@popperjs|react-transition-group|clsx|prop-types|@babel[\\/]runtime)[\\/]/,
                priority: 4,
              },
              // What the grid and the charts share: in neither's chunk, so a page with charts
              // does not load the grid.
              {
                name: 'vendor-mui-x',
                test: /node_modules[\\/](@mui[\\/]x-internals|@base-ui|use-sync-external-store|reselect)[\\/]/,
                priority: 3,
              },
              { name: 'vendor-grid', test: /node_modules[\\/]@mui[\\/]x-data-grid/, priority: 2 },
              {
                name: 'vendor-charts',
                test: /node_modules[\\/](@mui[\\/]x-charts|d3-)/,
                priority: 1,
              },
            ],
          },
        },
      },
    },
  },
})
