// Vite bundles stylesheet imports (the Roboto faces); TypeScript only needs to know they resolve.
declare module '*.css'
