import { defineConfig } from 'vitest/config';

// Tests run the TypeScript sources of workspace packages through their
// "@observatory/source" export condition, so no build is needed to test.
const conditions = ['@observatory/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    globalSetup: ['./scripts/vitest-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
