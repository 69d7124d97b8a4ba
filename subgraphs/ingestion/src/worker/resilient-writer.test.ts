import { MemgateError } from '@memgate/platform/errors';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../test/silent-logger.js';
import type { WriteOptions, WriteSummary } from '../write/batch-writer.js';
import type { BatchRecord, WriteBatch } from '../write/write-batch.js';
import { ResilientWriter, type WriteControl } from './resilient-writer.js';

const position = { group: 'g', topic: 't', partition: 0 };
const record = (offset: number): BatchRecord => ({
  offset: String(offset),
  receipt: undefined,
  operations: [],
  deadLetter: { source: 't', payload: offset },
});
const batch = (...offsets: number[]): WriteBatch => ({ position, records: offsets.map(record) });
const offsets = (written: WriteBatch) => written.records.map((entry) => entry.offset).join(',');

interface Scenario {
  /** Throws for a batch (by its offsets) on a given attempt, or undefined to write it. */
  fail: (batch: WriteBatch, attempt: number, options: WriteOptions) => Error | undefined;
  breakerOpensAfter?: number;
  running?: () => boolean;
  /** What the consumer answers once a batch committed: false when its events were not published. */
  published?: boolean;
}

function setUp(scenario: Scenario) {
  const events: string[] = [];
  /** `topic reason` of every retry the metrics were told of. */
  const retries: string[] = [];
  const attempts = new Map<string, number>();
  let failures = 0;
  let open = false;
  const breaker = {
    isOpen: () => open,
    recordFailure: () => {
      failures += 1;
      if (scenario.breakerOpensAfter !== undefined && failures >= scenario.breakerOpensAfter)
        open = true;
    },
    recordSuccess: () => {
      failures = 0;
    },
  };
  const writer = new ResilientWriter({
    writer: {
      write: (written: WriteBatch, options: WriteOptions = {}): Promise<WriteSummary> => {
        const id = offsets(written);
        const attempt = (attempts.get(id) ?? 0) + 1;
        attempts.set(id, attempt);
        const error = scenario.fail(written, attempt, options);
        events.push(`${options.refuseAll ? 'refuse' : 'write'} ${id}${error ? ' failed' : ''}`);
        if (error) return Promise.reject(error);
        return Promise.resolve({
          written: written.records.length,
          skipped: 0,
          rejected: [],
          alreadyApplied: 0,
          changes: [],
        });
      },
    },
    breaker,
    maxAttempts: 2,
    backoff: { initialMs: 100, maxMs: 1000 },
    logger: silentLogger(),
    metrics: { recordRetry: (topic, reason) => retries.push(`${topic} ${reason}`) },
    random: () => 0,
    wait: (ms) => {
      events.push(`wait ${ms}`);
      return Promise.resolve();
    },
  });
  const control: WriteControl = {
    isRunning: scenario.running ?? (() => true),
    heartbeat: () => Promise.resolve(),
    committed: (committed) => {
      events.push(`commit ${offsets(committed)}`);
      return Promise.resolve(scenario.published ?? true);
    },
    unpublished: () => undefined,
  };
  return { writer, events, control, breaker, retries };
}

const down = () => new MemgateError('DATABASE_UNAVAILABLE', 'The graph database is unavailable.');
const refused = () =>
  new MemgateError('INTERNAL_SERVER_ERROR', 'The graph query failed.', {
    cause: new Error('constraint'),
  });

describe('ResilientWriter', () => {
  it('retries an engine outage with growing waits until it succeeds', async () => {
    const { writer, events, control } = setUp({
      fail: (_, attempt) => (attempt < 3 ? down() : undefined),
    });
    expect(await writer.write(batch(1, 2), control)).toBe(true);
    expect(events).toEqual([
      'write 1,2 failed',
      'wait 50',
      'write 1,2 failed',
      'wait 100',
      'write 1,2',
      'commit 1,2',
    ]);
  });

  it('gives up the batch, unresolved, once the circuit opens: the consumer is paused', async () => {
    const { writer, events, control } = setUp({ fail: () => down(), breakerOpensAfter: 2 });
    expect(await writer.write(batch(1, 2), control)).toBe(false);
    expect(events).toEqual(['write 1,2 failed', 'wait 50', 'write 1,2 failed']);
  });

  it('splits a batch that keeps failing by itself until the bad record is alone, and rejects only it', async () => {
    const { writer, events, control } = setUp({
      fail: (written, _, options) =>
        !options.refuseAll && written.records.some((entry) => entry.offset === '3')
          ? refused()
          : undefined,
    });
    expect(await writer.write(batch(1, 2, 3, 4), control)).toBe(true);
    expect(events).toEqual([
      'write 1,2,3,4 failed',
      'wait 50',
      'write 1,2,3,4 failed',
      'write 1,2',
      'commit 1,2',
      'write 3,4 failed',
      'wait 50',
      'write 3,4 failed',
      'write 3 failed',
      'wait 50',
      'write 3 failed',
      'refuse 3',
      'commit 3',
      'write 4',
      'commit 4',
    ]);
  });

  it('retries without splitting while the dead letters cannot be published', async () => {
    const broker = () =>
      new MemgateError('BROKER_UNAVAILABLE', 'The message broker is unavailable.');
    const { writer, events, control } = setUp({
      fail: (_, attempt) => (attempt < 4 ? broker() : undefined),
    });
    expect(await writer.write(batch(1, 2), control)).toBe(true);
    expect(events.filter((event) => event.startsWith('write'))).toEqual([
      'write 1,2 failed',
      'write 1,2 failed',
      'write 1,2 failed',
      'write 1,2',
    ]);
  });

  it('stops retrying when the consumer stops', async () => {
    let running = true;
    const { writer, events, control } = setUp({
      fail: () => {
        running = false;
        return down();
      },
      running: () => running,
    });
    expect(await writer.write(batch(1), control)).toBe(false);
    expect(events).toEqual(['write 1 failed', 'wait 50']);
  });

  it("reports an interruption when the committed batch's events could not be published", async () => {
    const { writer, events, control } = setUp({ fail: () => undefined, published: false });
    expect(await writer.write(batch(1, 2), control)).toBe(false);
    expect(events).toEqual(['write 1,2', 'commit 1,2']);
  });

  it('counts each retry by topic and kind of failure, not the attempts it gives up on', async () => {
    const broker = () =>
      new MemgateError('BROKER_UNAVAILABLE', 'The message broker is unavailable.');
    const { writer, control, retries } = setUp({
      fail: (written, attempt, options) => {
        if (options.refuseAll) return undefined;
        if (written.records.length === 2 && attempt === 1) return down();
        if (written.records.length === 2 && attempt === 2) return broker();
        return refused();
      },
    });
    expect(await writer.write(batch(1, 2), control)).toBe(true);
    // The engine and broker failures are retried; the batch then fails twice by itself (after
    // the second it is split, not retried), and each half is retried once before it is refused.
    expect(retries).toEqual(['t engine', 't broker', 't batch', 't batch', 't batch']);
  });

  it('counts no retry when the circuit opens on the failure', async () => {
    const { writer, control, retries } = setUp({ fail: () => down(), breakerOpensAfter: 1 });
    expect(await writer.write(batch(1), control)).toBe(false);
    expect(retries).toEqual([]);
  });
});
