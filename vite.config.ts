import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The client lives in client/ and is built to dist/client, which the server
// serves on the same origin as the API and the relay.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    sourcemap: true,
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
