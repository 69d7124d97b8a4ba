import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedPipeline, type IsolatedPipeline } from '../../test/ingestion-harness.js';
import { openUploadStatement, sealUploadStatement } from './upload-statements.js';

/** An upload's receipt on the real engine, sealed again as a retry after a lost commit answer would. */
describe("an upload's seal on the engine", () => {
  let pipeline: IsolatedPipeline;

  beforeAll(async () => {
    pipeline = await isolatedPipeline();
  });

  afterAll(async () => {
    await pipeline.dispose();
  });

  it('counts the refused records and their errors once, however often it is run', async () => {
    const label = pipeline.config.receiptLabel;
    const receipt = {
      id: 'upload-1',
      source: 'people',
      accepted: 0,
      createdAt: '2024-05-01T12:00:00Z',
    };
    await pipeline.graph.write(openUploadStatement(label, receipt));
    const error = { topic: 'upload', partition: -1, offset: '-1', reason: 'line 3 is not JSON' };
    const seal = sealUploadStatement(
      label,
      receipt.id,
      { accepted: 5, refused: 2, errors: [error], releaseKey: false },
      new Date('2024-05-01T12:00:05Z'),
    );
    const [first] = await pipeline.graph.write(seal);
    const [again] = await pipeline.graph.write(seal);
    for (const counters of [first, again]) {
      expect({
        accepted: Number(counters?.get('accepted')),
        rejected: Number(counters?.get('rejected')),
        refused: Number(counters?.get('refused')),
        receiving: counters?.get('receiving'),
      }).toEqual({ accepted: 5, rejected: 2, refused: 2, receiving: false });
    }
    const [stored] = await pipeline.graph.read({
      text: `MATCH (r:\`${label}\` {id: $id}) RETURN r.errors AS errors`,
      params: { id: receipt.id },
    });
    expect(stored?.get('errors')).toEqual([JSON.stringify(error)]);
  });
});
