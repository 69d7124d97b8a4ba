import { fileURLToPath } from 'node:url';

/** The raw sources of the ingestion tests, over the test graph (test-model.ts). */
export const TEST_MAPPINGS_DIR = fileURLToPath(new URL('./fixtures/mappings/', import.meta.url));
