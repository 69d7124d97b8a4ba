import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

/**
 * Workspace packages export their TypeScript sources under the
 * `memgate-source` condition, so tests run the code as written, unbuilt.
 */
const conditions = ['memgate-source', 'module', 'node', 'import', 'default'];
/**
 * Vitest hands the SSR conditions to its Node workers as --conditions flags,
 * which also steer require(): 'module' or 'import' there would give CommonJS
 * packages (Express, @apollo/gateway) ESM builds they cannot load.
 */
const nodeConditions = ['memgate-source', 'node'];

/**
 * graphql ships CommonJS and ESM builds side by side; Apollo's packages load
 * the CommonJS one, so our code must too, or two copies of graphql meet
 * ("Cannot use GraphQLObjectType from another module or realm").
 */
const graphqlCommonJs = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: { conditions, alias: [{ find: /^graphql$/, replacement: graphqlCommonJs }] },
  ssr: { resolve: { conditions: nodeConditions, externalConditions: ['memgate-source'] } },
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
          include: [
            '**/src/**/*.test.ts',
            'schema/**/*.test.ts',
            'test/**/*.test.ts',
            'ops/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', '**/dist/**', '**/*.int.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          // The TCK runs here a second time in live mode: every statement it
          // compiles is also executed on the real engine.
          include: ['**/*.int.test.ts', 'subgraphs/query/src/tck/**/*.test.ts'],
          env: { MEMGATE_TCK_LIVE: '1' },
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
