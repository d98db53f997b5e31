import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The SPA lives in web/ and builds to web/dist, which the API server serves with an SPA fallback
// (src/http/app.ts). It imports shared contracts and pure domain helpers from ../src.
/**
 * Writes a Brotli (.br) and a gzip (.gz) copy next to each text or WebAssembly file of the build,
 * compressed once at their best level, which the server sends to browsers that accept them
 * (@fastify/static's preCompressed): a slow phone downloads a third of the bytes, and the server
 * spends no CPU compressing per request.
 */
function precompress(): Plugin {
  return {
    name: 'passnum-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const dir = options.dir!;
      for (const name of [...Object.keys(bundle), 'index.html']) {
        if (!/\.(js|css|html|svg|json|wasm|txt)$/.test(name)) continue;
        const file = path.join(dir, name);
        const data = readFileSync(file);
        if (data.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }));
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), precompress()],
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
