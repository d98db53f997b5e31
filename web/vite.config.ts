import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The SPA lives in web/ and builds to web/dist, which the API server serves with an SPA fallback
// (src/http/app.ts). It imports shared contracts and pure domain helpers from ../src.
export default defineConfig({
  root,
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    // Browser tests rebuild while other test files may still be loading the previous chunks.
    emptyOutDir: process.env.PASSNUM_KEEP_OLD_ASSETS !== 'true',
    target: 'es2022',
    chunkSizeWarningLimit: 900,
  },
  server: {
    fs: { allow: ['..'] },
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
