import { cp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import darkThemeClass from 'postcss-dark-theme-class';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './shared/csp.ts';

const require = createRequire(import.meta.url);

/** The built page carries the strict CSP itself (dev keeps Vite's inline preamble working). */
const cspMeta = (): Plugin => ({
  name: 'marginalia-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
      injectTo: 'head-prepend',
    },
  ],
});

/**
 * pdf.js's CMaps, standard fonts and wasm decoders, served from the app's own origin (Vite emits
 * the worker but not these; the CSP allows nothing remote).
 */
const pdfjsAssets = (): Plugin => ({
  name: 'marginalia-pdfjs-assets',
  apply: 'build',
  async writeBundle(options) {
    const root = dirname(require.resolve('pdfjs-dist/package.json'));
    const out = options.dir ?? resolve('out/renderer');
    for (const folder of ['cmaps', 'standard_fonts', 'wasm']) {
      await cp(resolve(root, folder), resolve(out, 'pdfjs', folder), { recursive: true });
    }
  },
});

// Folders follow the layering in the design handbook: electron/main and electron/preload are the
// only code that may import electron; renderer/ is a plain browser app.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      lib: {
        entry: {
          index: resolve('electron/main/index.ts'),
          // The import parser runs in a worker thread, from its own file.
          'parse-worker': resolve('electron/notebook/import/parse-worker.ts'),
          // The store's compaction too: rewriting the snapshot takes seconds in a big notebook.
          'compact-worker': resolve('electron/notebook/store/compact-worker.ts'),
        },
        formats: ['es'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads can require nothing but electron: bundle zod and friends in.
      externalizeDeps: false,
      // A sandboxed preload must be a single CommonJS file.
      lib: { entry: resolve('electron/preload/index.ts'), formats: ['cjs'] },
      rollupOptions: { output: { entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve('renderer'),
    plugins: [react(), cspMeta(), pdfjsAssets()],
    css: {
      postcss: {
        // Every "@media (prefers-color-scheme: dark)" rule is also emitted for
        // <html data-theme="dark">, and kept from <html data-theme="light">: the theme preference
        // can then override the system without a second copy of each dark style in the source.
        plugins: [
          darkThemeClass({
            darkSelector: '[data-theme="dark"]',
            lightSelector: '[data-theme="light"]',
          }),
        ],
      },
    },
    build: {
      outDir: resolve('out/renderer'),
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
