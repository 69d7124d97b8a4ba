import { defineConfig } from 'vitest/config';

/**
 * Workspace packages export their TypeScript sources under the
 * `memgate-source` condition, so tests run the code as written, unbuilt.
 */
const conditions = ['memgate-source', 'module', 'node', 'import', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['memgate-source'] } },
  test: {
    reporters: ['default'],
    // Transform workspace packages instead of handing them to Node, which
    // does not know the `memgate-source` condition.
    server: { deps: { inline: [/@memgate\//] } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/src/**/*.test.ts', 'schema/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**', '**/*.int.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ['**/node_modules/**', '**/dist/**'],
          // One engine and one broker for the whole run; every test isolates
          // its data with its own labels and topics.
          globalSetup: ['test/integration-services.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
