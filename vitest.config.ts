import { defineConfig } from 'vitest/config';

// Tests run the TypeScript sources of workspace packages through their
// "@observatory/source" export condition, so no build is needed to test.
// No 'module': vitest passes the conditions on to Node, and packages such as
// @opentelemetry/api 1.9 ship an ESM build under 'module' that Node cannot load.
const conditions = ['@observatory/source', 'node', 'development|production'];

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
