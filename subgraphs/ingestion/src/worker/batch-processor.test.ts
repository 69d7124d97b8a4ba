import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../test/silent-logger.js';
import { encodeOperation } from '../kafka/operation-codec.js';
import type { GraphOperation } from '../transform/graph-operation.js';
import type { WriteSummary } from '../write/batch-writer.js';
import type { WriteBatch } from '../write/write-plan.js';
import { AppliedOffsets } from './applied-offsets.js';
import { BatchProcessor, type BatchHandle } from './batch-processor.js';

const receipt = {
  id: 'r1',
  source: 'upsertPeople',
  accepted: 9,
  createdAt: '2024-05-01T12:00:00Z',
};

function message(offset: number, value: Buffer | null = null) {
  const operation: GraphOperation = {
    kind: 'upsertNode',
    type: 'Person',
    key: [`p${offset}`],
    fields: {},
    receipt,
  };
  return { offset: String(offset), value: value ?? Buffer.from(encodeOperation(operation)) };
}

function setUp(options: { stored?: bigint; running?: () => boolean; fail?: boolean } = {}) {
  const events: string[] = [];
  const batches: WriteBatch[] = [];
  const writer = {
    write: (batch: WriteBatch): Promise<WriteSummary> => {
      if (options.fail) return Promise.reject(new Error('engine down'));
      events.push(`write ${batch.applied.offset}`);
      batches.push(batch);
      return Promise.resolve({ written: batch.operations.length, rejected: [] });
    },
  };
  const reads: string[] = [];
  const applied = new AppliedOffsets((topic, partition) => {
    reads.push(`${topic}/${partition}`);
    return Promise.resolve(options.stored);
  });
  const logger = silentLogger();
  const processor = new BatchProcessor({
    groupId: 'writers',
    batchMax: 2,
    writer,
    applied,
    logger,
  });
  const handle = (messages: ReturnType<typeof message>[]): BatchHandle => ({
    batch: { topic: 'ops', partition: 3, messages },
    resolveOffset: (offset) => events.push(`resolve ${offset}`),
    heartbeat: () => {
      events.push('heartbeat');
      return Promise.resolve();
    },
    isRunning: options.running ?? (() => true),
    isStale: () => false,
  });
  return { processor, handle, events, batches, reads, applied, logger };
}

describe('BatchProcessor', () => {
  it('writes in chunks of batchMax, resolving each offset only after its transaction', async () => {
    const { processor, handle, events, batches } = setUp();
    await processor.process(handle([message(0), message(1), message(2)]));
    expect(events).toEqual([
      'write 1',
      'resolve 1',
      'heartbeat',
      'write 2',
      'resolve 2',
      'heartbeat',
    ]);
    expect(batches[0]?.applied).toEqual({
      group: 'writers',
      topic: 'ops',
      partition: 3,
      offset: '1',
    });
    expect(batches.map((batch) => batch.operations.map((positioned) => positioned.offset))).toEqual(
      [['0', '1'], ['2']],
    );
  });

  it('skips what the graph already holds and moves Kafka past it', async () => {
    const { processor, handle, events } = setUp({ stored: 1n });
    await processor.process(handle([message(0), message(1), message(2)]));
    expect(events).toEqual(['resolve 1', 'write 2', 'resolve 2', 'heartbeat']);
  });

  it('writes nothing when the whole batch was applied before', async () => {
    const { processor, handle, events } = setUp({ stored: 5n });
    await processor.process(handle([message(4), message(5)]));
    expect(events).toEqual(['resolve 5']);
  });

  it('reads the stored offset once per partition until the next assignment', async () => {
    const { processor, handle, reads, applied } = setUp();
    await processor.process(handle([message(0)]));
    await processor.process(handle([message(1)]));
    expect(reads).toEqual(['ops/3']);
    applied.forgetAll();
    await processor.process(handle([message(2)]));
    expect(reads).toEqual(['ops/3', 'ops/3']);
  });

  it('stops between transactions when the consumer is stopping, leaving the rest unresolved', async () => {
    let checks = 0;
    const { processor, handle, events } = setUp({ running: () => checks++ === 0 });
    await processor.process(handle([message(0), message(1), message(2)]));
    expect(events).toEqual(['write 1', 'resolve 1', 'heartbeat']);
  });

  it('resolves nothing when the write fails, so Kafka redelivers the batch', async () => {
    const { processor, handle, events } = setUp({ fail: true });
    await expect(processor.process(handle([message(0)]))).rejects.toThrow('engine down');
    expect(events).toEqual([]);
  });

  it('logs and skips a message it cannot read, still moving past it in the same transaction', async () => {
    const { processor, handle, events, batches, logger } = setUp();
    const logged = vi.spyOn(logger, 'error');
    await processor.process(handle([message(0, Buffer.from('garbage')), message(1)]));
    expect(events).toEqual(['write 1', 'resolve 1', 'heartbeat']);
    expect(batches[0]?.operations.map((positioned) => positioned.offset)).toEqual(['1']);
    expect(logged).toHaveBeenCalledWith(
      { topic: 'ops', partition: 3, offset: '0', reason: 'the message is not JSON' },
      'unreadable message on the graph-ops topic skipped',
    );
  });
});
