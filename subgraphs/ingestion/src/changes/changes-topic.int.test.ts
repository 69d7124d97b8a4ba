import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, postGraphQL } from '../../test/ingestion-harness.js';
import { runningPipeline, type RunningPipeline } from '../../test/running-pipeline.js';
import type { ChangeEvent } from './change-event.js';
import { changeMessageKey } from './change-messages.js';
import { readChanges } from '../../test/topic-reader.js';

const RECEIPT_FIELDS = 'id status accepted written rejected skipped errors { reason }';
const mutation = (field: string, argument: string, type: string) => /* GraphQL */ `
  mutation ($input: [${type}!]!) { ${field}(${argument}: $input) { ${RECEIPT_FIELDS} } }
`;

/**
 * The changes topic as subscribers see it: after each committed batch, one
 * event per node created, updated or deleted and per relationship connected
 * or disconnected (nothing for a write that changed nothing), on the
 * partition of the node so its events stay in order, and the receipt's
 * progress.
 */
describe('the changes topic', () => {
  let pipeline: RunningPipeline;

  beforeAll(async () => {
    pipeline = await runningPipeline();
  });

  afterAll(() => pipeline.stop());

  const run = async (field: string, argument: string, type: string, input: unknown[]) => {
    const receipt = await pipeline.accept(mutation(field, argument, type), { input });
    return pipeline.settled(receipt.id);
  };

  it("carries what each committed batch changed, in order per node, and each receipt's progress", async () => {
    const created = await run('upsertPeople', 'input', 'PersonInput', [
      { id: 'e1', name: 'Ada' },
      { id: 'e2', name: 'Grace' },
    ]);
    const updated = await run('upsertPeople', 'input', 'PersonInput', [{ id: 'e1', age: 36 }]);
    await run('connectPersonKnows', 'input', 'PersonKnowsConnectInput', [
      { from: { id: 'e1' }, to: { id: 'e2' }, properties: { strength: 0.5 } },
    ]);
    await run('disconnectPersonKnows', 'input', 'PersonKnowsDisconnectInput', [
      { from: { id: 'e1' }, to: { id: 'e2' } },
    ]);
    await run('disconnectPersonKnows', 'input', 'PersonKnowsDisconnectInput', [
      { from: { id: 'e1' }, to: { id: 'e2' } },
    ]);
    await run('deletePeople', 'keys', 'PersonKeyInput', [{ id: 'e2' }, { id: 'nobody' }]);
    await run('upsertReadings', 'input', 'ReadingInput', [{ sensor: 's1', seq: 4, value: 1.5 }]);

    const events = await eventually(async () => {
      const read = await readChanges(pipeline.kafkaBrokers, pipeline.topics.changes);
      const keyed = read.map((change) => ({
        ...change,
        key: changeMessageKey(change.event as unknown as ChangeEvent),
      }));
      // The last receipt's final progress is the last thing published.
      return keyed.some((change) => change.key.startsWith('Reading:')) &&
        keyed.filter((change) => change.event['kind'] === 'receipt').length >= 7
        ? keyed
        : undefined;
    }, 'every change published');

    // Events travel in frames (ADR 0013), each on the partition of the node it is about.
    for (const key of new Set(events.map((change) => change.key))) {
      const partitions = new Set(
        events.filter((change) => change.key === key).map((change) => change.partition),
      );
      expect([key, partitions.size]).toEqual([key, 1]);
    }
    const kindsOf = (key: string) =>
      events.filter((message) => message.key === key).map((message) => message.event['kind']);
    expect(kindsOf('Person:e1')).toEqual(['created', 'updated', 'connected', 'disconnected']);
    expect(kindsOf('Person:e2')).toEqual(['created', 'deleted']);
    expect(kindsOf('Person:nobody')).toEqual([]);
    expect(events.find((message) => message.key === 'Person:e1')?.event).toEqual({
      kind: 'created',
      typename: 'Person',
      key: { id: 'e1' },
      receiptId: created.id,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(events.find((message) => message.event['kind'] === 'connected')?.event).toMatchObject({
      typename: 'Person',
      key: { id: 'e1' },
      relationship: 'KNOWS',
      field: 'knows',
      to: { typename: 'Person', key: { id: 'e2' } },
    });
    expect(events.find((message) => message.key.startsWith('Reading:'))).toMatchObject({
      key: 'Reading:["s1",4]',
      event: { kind: 'created', typename: 'Reading', key: { sensor: 's1', seq: 4 } },
    });
    const progress = events.filter((message) => message.key === `IngestionReceipt:${updated.id}`);
    expect(progress.map((message) => message.event)).toEqual([
      {
        kind: 'receipt',
        receiptId: updated.id,
        status: 'COMPLETED',
        accepted: 1,
        written: 1,
        rejected: 0,
        skipped: 0,
        at: expect.any(String),
      },
    ]);
  });

  it('refuses a subscription sent to the subgraph itself: the gateway serves them', async () => {
    const result = await postGraphQL(
      pipeline.url,
      'subscription { graphChanged(types: ["Person"]) { kind key } }',
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        message:
          'Subscriptions are served by the gateway from the changes topic: subscribe through the gateway.',
        extensions: expect.objectContaining({ code: 'BAD_REQUEST' }),
      }),
    ]);
  });
});
