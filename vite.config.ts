import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { serviceWorkerPlugin } from './client/build/serviceWorkerPlugin.js';

// The client lives in client/ and is built to dist/client, which the server
// serves on the same origin as the API and the relay.
export default defineConfig({
  root: 'client',
  // The service worker, web app manifest and icons are made by this plugin at
  // build time (client/build/), so the client has no public/ folder.
  plugins: [react(), serviceWorkerPlugin()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
    // The editor's chunk (ProseMirror, TipTap, Yjs bindings, photos) is about 515 kB and is loaded
    // after the first page, in the background; its size is watched by issue 12's benchmarks, not here.
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8787',
      '/collab': { target: 'ws://localhost:8787', ws: true },
    },
  },
  test: {
    root: '.',
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The browser and SIGKILL tests start servers and Chromium; two cores do not
    // give enough headroom to run every file at once.
    maxWorkers: 2,
  },
});
