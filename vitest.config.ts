import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) },
  },
  test: {
    // Component tests opt into a DOM with a `// @vitest-environment jsdom` comment.
    environment: 'node',
    globals: true,
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['**/node_modules/**', 'build/**', 'public/build/**', '.cache/**', '.data/**'],
    // Starts one embedded database for the whole run; the first run may build FerretDB.
    globalSetup: ['test/global-setup.ts'],
    // Fails a test that logs an unexpected console.error.
    setupFiles: ['test/setup/fail-on-console-error.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
