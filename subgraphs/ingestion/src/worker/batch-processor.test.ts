import { context, SpanKind, trace } from '@opentelemetry/api';
import {
  createTracing,
  InMemorySpanExporter,
  injectKafkaHeaders,
  renderTraceTree,
  type Tracer,
} from '@memgate/platform/tracing';
import type { IHeaders } from 'kafkajs';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../test/silent-logger.js';
import type { ChangeMessage } from '../changes/change-event.js';
import { encodeOperationFrame, serializeOperation } from '../kafka/operation-codec.js';
import type { GraphOperation } from '../transform/graph-operation.js';
import { NOTHING_APPLIED, type AppliedPosition } from '../write/applied-position.js';
import type { WriteBatch } from '../write/write-batch.js';
import { AppliedOffsets } from './applied-offsets.js';
import { BatchProcessor, type BatchHandle } from './batch-processor.js';
import { graphOpsDecoder } from './message-decoders.js';
import type { WriteControl } from './resilient-writer.js';

const receipt = {
  id: 'r1',
  source: 'upsertPeople',
  accepted: 9,
  createdAt: '2024-05-01T12:00:00Z',
};

function upsert(id: string): GraphOperation {
  return { kind: 'upsertNode', type: 'Person', key: [id], fields: {}, receipt };
}

/** A message of one operation, as releases before frames queued them (version 1). */
function message(offset: number, value: Buffer | null = null, headers?: IHeaders) {
  return {
    offset: String(offset),
    value: value ?? Buffer.from(JSON.stringify({ v: 1, ...upsert(`p${offset}`) })),
    ...(headers && { headers }),
  };
}

/** A framed message of `count` operations (ADR 0012). */
function frame(offset: number, count: number) {
  const operations = Array.from({ length: count }, (_, at) => upsert(`p${offset}.${at}`));
  return {
    offset: String(offset),
    value: Buffer.from(
      encodeOperationFrame(
        receipt,
        operations.map((operation) => serializeOperation(operation)),
      ),
    ),
  };
}

/** Every message up to `offset` applied. */
const upTo = (offset: bigint): AppliedPosition => ({ offset, index: undefined });

interface SetUpOptions {
  stored?: AppliedPosition;
  running?: () => boolean;
  /** The writer reports an interruption (circuit opened, consumer stopping). */
  interrupt?: boolean;
  open?: boolean;
  readFails?: boolean;
  /** The change events each write reports. */
  changes?: ChangeMessage[];
  /** The publisher gives up (the consumer stopped before the broker took the events). */
  publishFails?: boolean;
  /** The broker takes a while: publishing is still going on when the next batch is written. */
  publishSlow?: boolean;
  tracer?: Tracer;
}

function setUp(options: SetUpOptions = {}) {
  const events: string[] = [];
  const batches: WriteBatch[] = [];
  /** `topic group size` of every batch the metrics were told of. */
  const consumed: string[] = [];
  /** `topic group written/skipped/rejected` of every transaction the metrics were told of. */
  const appliedRecords: string[] = [];
  /** The span each write ran in, by name. */
  const activeSpans: (string | undefined)[] = [];
  const breaker = { isOpen: () => options.open ?? false };
  const writer = {
    write: (batch: WriteBatch, control: WriteControl): Promise<boolean> => {
      batches.push(batch);
      const active = trace.getActiveSpan() as { name?: string } | undefined;
      activeSpans.push(active?.name);
      const lastRecord = batch.records[batch.records.length - 1];
      const last = `${lastRecord?.offset}${lastRecord?.index === undefined ? '' : `#${lastRecord.index}`}`;
      if (options.interrupt) {
        events.push(`interrupted at ${last}`);
        return Promise.resolve(false);
      }
      const replay = batch.records.every((record) => record.receipt === undefined);
      const carried = control.unpublished();
      events.push(
        `${replay ? 'replay' : 'write'} ${last}${carried ? ` carrying ${carried.messages.length} from ${carried.from}` : ''}`,
      );
      return control.committed(batch, {
        written: batch.records.length,
        skipped: 0,
        rejected: [],
        alreadyApplied: 0,
        changes: options.changes ?? [],
      });
    },
  };
  const publisher = {
    publish: async (messages: readonly ChangeMessage[]) => {
      if (messages.length > 0) events.push(`publish ${messages.length}`);
      if (options.publishSlow) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push('published');
      }
      return !options.publishFails;
    },
  };
  const reads: string[] = [];
  const applied = new AppliedOffsets((topic, partition) => {
    reads.push(`${topic}/${partition}`);
    return options.readFails
      ? Promise.reject(new Error('engine down'))
      : Promise.resolve(options.stored ?? NOTHING_APPLIED);
  });
  const logger = silentLogger();
  const processor = new BatchProcessor({
    groupId: 'writers',
    batchMax: 2,
    decoderFor: graphOpsDecoder,
    writer,
    breaker,
    applied,
    publisher,
    logger,
    metrics: {
      recordBatch: (topic, group, size) => consumed.push(`${topic} ${group} ${size}`),
      recordApplied: (topic, group, records) =>
        appliedRecords.push(
          `${topic} ${group} ${records.written}/${records.skipped}/${records.rejected}`,
        ),
    },
    ...(options.tracer && { tracer: options.tracer }),
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
  return {
    processor,
    handle,
    events,
    batches,
    reads,
    applied,
    logger,
    breaker,
    consumed,
    appliedRecords,
    activeSpans,
  };
}

describe('BatchProcessor', () => {
  it('writes in chunks of batchMax, resolving each offset as soon as its transaction committed', async () => {
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
    expect(batches[0]?.position).toEqual({ group: 'writers', topic: 'ops', partition: 3 });
    expect(batches.map((batch) => batch.records.map((record) => record.offset))).toEqual([
      ['0', '1'],
      ['2'],
    ]);
    expect(batches[0]?.records[0]).toMatchObject({
      receipt,
      operations: [{ kind: 'upsertNode', key: ['p0'] }],
      deadLetter: {
        source: 'upsertPeople',
        payload: expect.objectContaining({ v: 1, key: ['p0'] }),
      },
    });
  });

  it('skips what the graph already holds and moves Kafka past it, once the outbox is checked', async () => {
    const { processor, handle, events, batches } = setUp({ stored: upTo(1n) });
    await processor.process(handle([message(0), message(1), message(2)]));
    expect(events).toEqual(['replay 1', 'resolve 1', 'write 2', 'resolve 2', 'heartbeat']);
    // The last skipped message alone, with nothing to write: the writer only looks at the outbox.
    expect(batches[0]?.records).toEqual([
      {
        offset: '1',
        receipt: undefined,
        operations: [],
        deadLetter: { source: 'ops', payload: null },
      },
    ]);
  });

  it('writes nothing when the whole batch was applied before', async () => {
    const { processor, handle, events } = setUp({ stored: upTo(5n) });
    await processor.process(handle([message(4), message(5)]));
    expect(events).toEqual(['replay 5', 'resolve 5']);
  });

  it('splits a frame at batchMax and resolves its offset only with its last record', async () => {
    const { processor, handle, events, batches, applied } = setUp();
    await processor.process(handle([frame(0, 3), message(1)]));
    expect(events).toEqual(['write 0#1', 'heartbeat', 'write 1', 'resolve 1', 'heartbeat']);
    expect(
      batches.map((batch) =>
        batch.records.map(({ offset, index, endsMessage }) => ({ offset, index, endsMessage })),
      ),
    ).toEqual([
      [
        { offset: '0', index: 0, endsMessage: false },
        { offset: '0', index: 1, endsMessage: false },
      ],
      [
        { offset: '0', index: 2, endsMessage: true },
        { offset: '1', index: undefined, endsMessage: undefined },
      ],
    ]);
    expect(batches[0]?.records[1]).toMatchObject({
      receipt,
      operations: [{ key: ['p0.1'] }],
      deadLetter: { source: 'upsertPeople', payload: { kind: 'upsertNode', key: ['p0.1'] } },
    });
    expect(await applied.lastApplied('ops', 3)).toEqual(upTo(1n));
  });

  it('remembers a frame as half applied when a transaction ends inside it', async () => {
    let checks = 0;
    const { processor, handle, events, applied } = setUp({ running: () => checks++ === 0 });
    await processor.process(handle([frame(7, 3)]));
    expect(events).toEqual(['write 7#1', 'heartbeat']);
    expect(await applied.lastApplied('ops', 3)).toEqual({ offset: 7n, index: 1 });
  });

  it('hands a half-applied frame to the writer again, which skips the records the graph holds', async () => {
    const { processor, handle, events, batches } = setUp({ stored: { offset: 0n, index: 1 } });
    await processor.process(handle([frame(0, 3), message(1)]));
    expect(events).toEqual(['write 0#1', 'heartbeat', 'write 1', 'resolve 1', 'heartbeat']);
    expect(batches[0]?.records.map((record) => record.index)).toEqual([0, 1]);
  });

  it('publishes the change events of a batch before resolving its offsets', async () => {
    const change: ChangeMessage = {
      key: 'Person:p0',
      event: { kind: 'created', typename: 'Person', key: { id: 'p0' }, at: receipt.createdAt },
    };
    const { processor, handle, events } = setUp({ changes: [change] });
    await processor.process(handle([message(0)]));
    expect(events).toEqual(['write 0', 'publish 1', 'resolve 0', 'heartbeat']);
  });

  it('writes the next batch while the events of one are published, carrying them into its outbox', async () => {
    const change: ChangeMessage = {
      key: 'Person:p0',
      event: { kind: 'created', typename: 'Person', key: { id: 'p0' }, at: receipt.createdAt },
    };
    const { processor, handle, events } = setUp({ changes: [change], publishSlow: true });
    await processor.process(handle([message(0), message(1), message(2)]));
    expect(events).toEqual([
      'write 1',
      'publish 1',
      'heartbeat',
      'write 2 carrying 1 from 0',
      'published',
      'resolve 1',
      'publish 1',
      'heartbeat',
      'published',
      'resolve 2',
    ]);
  });

  it('resolves nothing when the events could not be published before stopping: the outbox keeps them', async () => {
    const change: ChangeMessage = {
      key: 'Person:p0',
      event: { kind: 'created', typename: 'Person', key: { id: 'p0' }, at: receipt.createdAt },
    };
    const { processor, handle, events } = setUp({ changes: [change], publishFails: true });
    await processor.process(handle([message(0), message(1), message(2)]));
    // The second batch is in the graph, its outbox holding both batches' events; nothing is resolved.
    expect(events).toEqual(['write 1', 'publish 1', 'heartbeat', 'write 2 carrying 1 from 0']);
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

  it('writes everything when the stored offset cannot be read: the transaction checks it again', async () => {
    const { processor, handle, events } = setUp({ readFails: true });
    await processor.process(handle([message(0)]));
    expect(events).toEqual(['write 0', 'resolve 0', 'heartbeat']);
  });

  it('stops between transactions when the consumer is stopping, leaving the rest unresolved', async () => {
    let checks = 0;
    const { processor, handle, events } = setUp({ running: () => checks++ === 0 });
    await processor.process(handle([message(0), message(1), message(2)]));
    expect(events).toEqual(['write 1', 'resolve 1', 'heartbeat']);
  });

  it('stops and resolves nothing more when the writer is interrupted: Kafka delivers the rest again', async () => {
    const { processor, handle, events } = setUp({ interrupt: true });
    await processor.process(handle([message(0), message(1), message(2)]));
    expect(events).toEqual(['interrupted at 1']);
  });

  it('does not touch the engine while the circuit is open', async () => {
    const { processor, handle, events, reads } = setUp({ open: true });
    await processor.process(handle([message(0)]));
    expect(events).toEqual([]);
    expect(reads).toEqual([]);
  });

  it('hands an unreadable message to the writer as a rejected record, on no receipt', async () => {
    const { processor, handle, batches, logger } = setUp();
    vi.spyOn(logger, 'warn');
    await processor.process(handle([message(0, Buffer.from('garbage')), message(1)]));
    expect(batches[0]?.records[0]).toEqual({
      offset: '0',
      receipt: undefined,
      operations: [],
      rejection: 'unreadable message: the message is not JSON',
      unreadable: true,
      deadLetter: { source: 'ops', payload: 'garbage' },
    });
  });

  it('counts the records each transaction applied, by outcome: a frame is many', async () => {
    const { processor, handle, consumed, appliedRecords } = setUp();
    await processor.process(handle([frame(0, 3), message(1)]));
    expect(consumed).toEqual(['ops writers 2']);
    expect(appliedRecords).toEqual(['ops writers 2/0/0', 'ops writers 2/0/0']);
  });

  it('counts every handed batch by topic and group, and nothing while the circuit is open', async () => {
    const { processor, handle, consumed } = setUp();
    await processor.process(handle([message(0), message(1), message(2)]));
    await processor.process(handle([message(3)]));
    expect(consumed).toEqual(['ops writers 3', 'ops writers 1']);
    const closed = setUp({ open: true });
    await closed.processor.process(closed.handle([message(0)]));
    expect(closed.consumed).toEqual([]);
  });

  it('writes each transaction in a consumer span continuing the trace its messages carry', async () => {
    const exporter = new InMemorySpanExporter();
    const producer = createTracing({
      service: 'ingestion',
      spanExporter: exporter,
      registerGlobal: false,
    });
    const consumer = createTracing({
      service: 'worker',
      spanExporter: exporter,
      registerGlobal: false,
    });
    const send = producer.tracer.startSpan('send ops', { kind: SpanKind.PRODUCER });
    const headers = context.with(trace.setSpan(context.active(), send), () => injectKafkaHeaders());
    send.end();
    const { processor, handle, activeSpans } = setUp({ tracer: consumer.tracer });
    await processor.process(handle([message(0, null, headers), message(1), message(2)]));

    expect(activeSpans).toEqual(['process ops', 'process ops']);
    // The second transaction's messages carry no context: a trace of its own.
    expect(renderTraceTree(exporter.getFinishedSpans())).toBe(
      ['ingestion: send ops', '  worker: process ops', 'worker: process ops'].join('\n'),
    );
    const [first] = exporter.getFinishedSpans().filter((span) => span.name === 'process ops');
    expect(first?.spanContext().traceId).toBe(send.spanContext().traceId);
    expect(first?.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': 'ops',
      'messaging.destination.partition.id': '3',
      'messaging.consumer.group.name': 'writers',
      'messaging.batch.message_count': 2,
    });
    await Promise.all([producer.shutdown(), consumer.shutdown()]);
  });
});
