import react from '@vitejs/plugin-react';
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

// The server's CSP allows no inline script or style, so nothing may be inlined into index.html
// and every asset is a hashed file under dist/assets/.
export default defineConfig({
  plugins: [react(), forbidInlineCode()],
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
  },
});
