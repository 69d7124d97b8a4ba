import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedPipeline, type IsolatedPipeline } from '../../test/ingestion-harness.js';
import type { AppliedPosition } from './applied-position.js';
import { storeOffsetStatement } from './offset-statements.js';
import { readAppliedOffset } from './offset-store.js';

/** The stored position of a partition on the real engine, moved by the statement the writer runs. */
describe('an applied position on the engine', () => {
  let pipeline: IsolatedPipeline;
  const where = { group: 'writers', topic: 'memgate.test.graph-ops', partition: 1 };
  const label = () => pipeline.config.offsetLabel;

  beforeAll(async () => {
    pipeline = await isolatedPipeline();
  });

  afterAll(async () => {
    await pipeline.dispose();
  });

  const store = async (reached: AppliedPosition) => {
    await pipeline.graph.write(
      storeOffsetStatement(label(), { ...where, reached }, { changes: null, from: '0' }),
    );
    return readAppliedOffset(pipeline.graph, label(), where);
  };

  it('moves forward through a frame, never back, and forgets the index once the message is whole', async () => {
    expect(await store({ offset: 5n, index: 3 })).toEqual({ offset: 5n, index: 3 });
    // An older writer of the same frame does not pull it back.
    expect(await store({ offset: 5n, index: 1 })).toEqual({ offset: 5n, index: 3 });
    expect(await store({ offset: 5n, index: undefined })).toEqual({ offset: 5n, index: undefined });
    // Removed, not kept as a null: the node holds no `lastIndex` at all.
    const [stored] = await pipeline.graph.read({
      text: `MATCH (o:\`${label()}\`) RETURN collect(keys(o)) AS keys`,
      params: {},
    });
    const keys = stored?.get('keys') as string[][];
    expect(keys).toHaveLength(1);
    expect(keys[0]).toContain('lastOffset');
    expect(keys[0]).not.toContain('lastIndex');
    // Half of a message that is whole, or an earlier message, is behind.
    expect(await store({ offset: 5n, index: 7 })).toEqual({ offset: 5n, index: undefined });
    expect(await store({ offset: 4n, index: undefined })).toEqual({ offset: 5n, index: undefined });
    expect(await store({ offset: 6n, index: 0 })).toEqual({ offset: 6n, index: 0 });
  });

  it('reads nothing applied for a partition never written', async () => {
    expect(await readAppliedOffset(pipeline.graph, label(), { ...where, partition: 2 })).toEqual({
      offset: -1n,
      index: undefined,
    });
  });
});
