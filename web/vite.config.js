// Two pages: the explorer (index.html, served at /) and GraphiQL (graphiql.html, served
// at /graphql to a browser). Both load every script, style and font from /assets on the
// same origin: county intranets are often offline, so nothing may come from a CDN.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every asset a file of its own, none inlined as a data: URL: the server's CSP
    // (default-src 'self') allows images and fonts from the origin only.
    assetsInlineLimit: 0,
    // GraphiQL's editor (monaco) is large by nature; the warning says nothing useful here.
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      // GraphiQL's dependencies mark modules "use client" for React server frameworks;
      // the directive means nothing in a plain bundle, so the warning is noise.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        graphiql: resolve(import.meta.dirname, 'graphiql.html'),
      },
    },
  },
  worker: { format: 'es' },
});
