import path from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/**
 * The resident portal is served by the platform itself at /portal; the build goes to portal/dist.
 * It borrows the console's generic pieces (the HTTP client, the form checks) through @console.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/portal/',
  plugins: [react()],
  resolve: {
    alias: {
      '@common': path.resolve(import.meta.dirname, '../common'),
      '@console': path.resolve(import.meta.dirname, '../console/src'),
    },
  },
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    sourcemap: true,
  },
  logLevel: 'warn',
})
