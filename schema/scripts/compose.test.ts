import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { outputFiles } from './compose.js';
import { composeSupergraph, CompositionError } from './compose-supergraph.js';

describe('the committed supergraph', () => {
  it('is what composing the current schema gives (run `npm run compose` if this fails)', async () => {
    const composed = await composeSupergraph();
    for (const [file, content] of Object.entries(outputFiles(composed))) {
      expect(await readFile(file, 'utf8'), file).toBe(content);
    }
  });

  it('reports the composer’s own messages when the subgraphs do not compose', async () => {
    // A node type named like an ingestion type makes both subgraphs define
    // IngestionReceipt, each resolving its id: a genuine composition error.
    const error = await composeSupergraph(
      'type IngestionReceipt @node @key(fields: "id") { id: ID! @id  note: String }',
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CompositionError);
    expect((error as CompositionError).messages.join('\n')).toMatch(/IngestionReceipt/);
    expect((error as CompositionError).message).toMatch(/^Composition failed:\n {2}/);
  });
});
