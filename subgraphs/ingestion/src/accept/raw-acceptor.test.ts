import { MemgateError } from '@memgate/platform/errors';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../test/silent-logger.js';
import { MappingRegistry } from '../mapping/mapping-registry.js';
import type { CompiledMapping } from '../mapping/compiled-mapping.js';
import type { Receipt } from '../receipts/receipt.js';
import type { ReceiptRef } from '../transform/graph-operation.js';
import { RawAcceptor, type IdempotentReceipts, type RawQueue } from './raw-acceptor.js';

const sources = new MappingRegistry([
  { source: 'crm' } as CompiledMapping,
  { source: 'articles' } as CompiledMapping,
]);

function setUp(options: { claimHolder?: string; queueFails?: boolean } = {}) {
  const events: string[] = [];
  const queued: {
    source: string;
    receipt: ReceiptRef;
    records: readonly unknown[];
    key?: string;
  }[] = [];
  const queue: RawQueue = {
    send: (source, receipt, records, key) => {
      if (options.queueFails) return Promise.reject(new MemgateError('BROKER_UNAVAILABLE', 'down'));
      events.push('queued');
      queued.push({ source, receipt, records, ...(key !== undefined && { key }) });
      return Promise.resolve();
    },
  };
  const original: Receipt = {
    id: 'r-original',
    source: 'crm',
    accepted: 2,
    written: 2,
    rejected: 0,
    skipped: 0,
    createdAt: '2024-05-01T11:00:00.000Z',
    updatedAt: '2024-05-01T11:00:01.000Z',
    entityKeys: new Map(),
    errors: [],
  };
  const receipts: IdempotentReceipts = {
    claim: (receipt, key, times) => {
      events.push(`claim ${key} ${times.expiredBefore.toISOString()}`);
      return Promise.resolve(options.claimHolder ?? receipt.id);
    },
    release: (id) => {
      events.push(`release ${id}`);
      return Promise.resolve();
    },
    find: (id) => Promise.resolve(id === original.id ? original : null),
    open: (receipt) => {
      events.push(`open ${receipt.id}`);
      return Promise.resolve();
    },
  };
  const acceptor = new RawAcceptor({
    sources,
    maxRecordsPerRequest: 3,
    maxRecordBytes: 40,
    idempotencyWindowMs: 3_600_000,
    queue,
    receipts,
    logger: silentLogger(),
    now: () => new Date('2024-05-01T12:00:00.000Z'),
    newId: () => 'r1',
  });
  return { acceptor, events, queued, original };
}

describe('RawAcceptor', () => {
  it('queues the records as they are on their source and opens the receipt', async () => {
    const { acceptor, events, queued } = setUp();
    const receipt = await acceptor.accept('crm', [{ id: 1 }, 'not even an object']);
    expect(events).toEqual(['queued', 'open r1']);
    expect(queued).toEqual([
      {
        source: 'crm',
        receipt: { id: 'r1', source: 'crm', accepted: 2, createdAt: '2024-05-01T12:00:00.000Z' },
        records: [{ id: 1 }, 'not even an object'],
      },
    ]);
    expect(receipt).toMatchObject({ id: 'r1', accepted: 2, written: 0, skipped: 0 });
  });

  it('refuses an unknown source, naming the known ones', async () => {
    const { acceptor, events } = setUp();
    await expect(acceptor.accept('crn', [{ id: 1 }])).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Unknown source "crn". Known sources: articles, crm.',
      details: { source: 'crn', knownSources: ['articles', 'crm'] },
    });
    expect(events).toEqual([]);
  });

  it('refuses empty, oversized requests and oversized records', async () => {
    const { acceptor, events } = setUp();
    await expect(acceptor.accept('crm', [])).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(acceptor.accept('crm', [1, 2, 3, 4])).rejects.toMatchObject({
      details: { limit: 3, given: 4 },
    });
    await expect(
      acceptor.accept('crm', [{ id: 1 }, { text: 'x'.repeat(40) }]),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'records[1] is 51 bytes; at most 40 are accepted per record.',
    });
    expect(events).toEqual([]);
  });

  it('claims an idempotency key (scoped by source, within the window) before queuing', async () => {
    const { acceptor, events, queued } = setUp();
    await acceptor.accept('crm', [{ id: 1 }], 'export-7');
    expect(events).toEqual(['claim crm:export-7 2024-05-01T11:00:00.000Z', 'queued', 'open r1']);
    expect(queued[0]?.key).toBe('export-7');
  });

  it('answers the original receipt and queues nothing when the key was used', async () => {
    const { acceptor, events, original } = setUp({ claimHolder: 'r-original' });
    expect(await acceptor.accept('crm', [{ id: 1 }], 'export-7')).toBe(original);
    expect(events).toEqual(['claim crm:export-7 2024-05-01T11:00:00.000Z']);
  });

  it('releases the key when queuing fails, so the retry can claim it', async () => {
    const { acceptor, events } = setUp({ queueFails: true });
    await expect(acceptor.accept('crm', [{ id: 1 }], 'export-7')).rejects.toMatchObject({
      code: 'BROKER_UNAVAILABLE',
    });
    expect(events).toEqual(['claim crm:export-7 2024-05-01T11:00:00.000Z', 'release r1']);
  });

  it('refuses an empty or overlong idempotency key', async () => {
    const { acceptor } = setUp();
    await expect(acceptor.accept('crm', [{ id: 1 }], 'k'.repeat(201))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});
