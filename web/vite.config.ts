import react from '@vitejs/plugin-react';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** Fails the build if the final index.html has inline script or style, which the server's CSP would block. */
function forbidInlineCode(): Plugin {
  return {
    name: 'consilium-forbid-inline-code',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (/<script(?![^>]*\bsrc=)[^>]*>|<style[\s>]|\sstyle=/i.test(html)) {
          throw new Error('index.html has inline script or style; the CSP (script-src/style-src self) forbids it');
        }
      },
    },
  };
}

/** Writes a gzip copy beside each text file; the server sends it to browsers that accept gzip. */
function precompress(): Plugin {
  return {
    name: 'consilium-precompress',
    apply: 'build',
    writeBundle(options) {
      const root = options.dir ?? 'dist';
      for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(js|css|html|svg|json)$/.test(entry.name)) continue;
        const path = join(entry.parentPath, entry.name);
        writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
      }
    },
  };
}

// The server's CSP allows no inline script or style, so nothing may be inlined into index.html
// and every asset is a hashed file under dist/assets/.
export default defineConfig({
  plugins: [react(), forbidInlineCode(), precompress()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': { target: 'https://localhost:8443', secure: false, changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
    // Generous: the suite shares two cores with the server build and the browser tests.
    testTimeout: 20_000,
  },
});
