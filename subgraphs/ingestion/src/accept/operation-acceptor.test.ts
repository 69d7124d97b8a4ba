import { MemgateError } from '@memgate/platform/errors';
import { describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../test/silent-logger.js';
import { nodeOf, testModel } from '../../test/test-model.js';
import type { GraphOperation, ReceiptRef } from '../transform/graph-operation.js';
import { deletesToOperations } from '../transform/deletes-to-operations.js';
import { upsertsToOperations } from '../transform/upserts-to-operations.js';
import {
  OperationAcceptor,
  type OperationQueue,
  type OperationRequest,
  type ReceiptOpener,
} from './operation-acceptor.js';

const person = nodeOf(testModel(), 'Person');

function setUp(overrides: { queue?: OperationQueue; receipts?: ReceiptOpener } = {}) {
  const events: string[] = [];
  const sent: GraphOperation[] = [];
  const opened: { receipt: ReceiptRef; keys: ReadonlyMap<string, readonly string[]> }[] = [];
  const queue: OperationQueue = overrides.queue ?? {
    send: (operations) => {
      events.push('queued');
      sent.push(...operations);
      return Promise.resolve();
    },
  };
  const receipts: ReceiptOpener = overrides.receipts ?? {
    open: (receipt, keys) => {
      events.push('receipt opened');
      opened.push({ receipt, keys });
      return Promise.resolve();
    },
  };
  const logger = silentLogger();
  const acceptor = new OperationAcceptor({
    maxRecordsPerRequest: 3,
    queue,
    receipts,
    logger,
    now: () => new Date('2024-05-01T12:00:00.000Z'),
    newId: () => 'r1',
  });
  return { acceptor, events, sent, opened, logger };
}

const upserts = (records: Record<string, unknown>[]): OperationRequest => ({
  source: 'upsertPeople',
  count: records.length,
  operations: (receipt) => upsertsToOperations(person, records, receipt),
});

describe('OperationAcceptor', () => {
  it('queues every record, then opens the receipt, then answers ACCEPTED-shaped counts', async () => {
    const { acceptor, events, sent, opened } = setUp();
    const receipt = await acceptor.accept(
      upserts([{ id: 'p1', name: 'Ada' }, { id: 'p2' }, { id: 'p1' }]),
    );
    expect(events).toEqual(['queued', 'receipt opened']);
    expect(sent.map((operation) => operation.kind === 'upsertNode' && operation.key)).toEqual([
      ['p1'],
      ['p2'],
      ['p1'],
    ]);
    const ref = {
      id: 'r1',
      source: 'upsertPeople',
      accepted: 3,
      createdAt: '2024-05-01T12:00:00.000Z',
    };
    expect(sent.every((operation) => operation.receipt.id === 'r1')).toBe(true);
    expect(opened).toEqual([{ receipt: ref, keys: new Map([['Person', ['p1', 'p2']]]) }]);
    expect(receipt).toEqual({
      ...ref,
      written: 0,
      rejected: 0,
      skipped: 0,
      updatedAt: '2024-05-01T12:00:00.000Z',
      entityKeys: new Map([['Person', ['p1', 'p2']]]),
      errors: [],
    });
  });

  it('lists no entities for deletes: there is nothing left to point at', async () => {
    const { acceptor, opened } = setUp();
    await acceptor.accept({
      source: 'deletePeople',
      count: 1,
      operations: (receipt) => deletesToOperations(person, [{ id: 'p1' }], receipt),
    });
    expect(opened[0]?.keys).toEqual(new Map());
  });

  it('refuses empty and oversized requests before touching the broker', async () => {
    const { acceptor, events } = setUp();
    await expect(acceptor.accept(upserts([]))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const four = [{ id: '1' }, { id: '2' }, { id: '3' }, { id: '4' }];
    await expect(acceptor.accept(upserts(four))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      details: { limit: 3, given: 4 },
    });
    expect(events).toEqual([]);
  });

  it('answers BROKER_UNAVAILABLE, and opens no receipt, when the records cannot be queued', async () => {
    const unavailable = new MemgateError(
      'BROKER_UNAVAILABLE',
      'The message broker is unavailable.',
    );
    const { acceptor, opened } = setUp({ queue: { send: () => Promise.reject(unavailable) } });
    await expect(acceptor.accept(upserts([{ id: 'p1' }]))).rejects.toBe(unavailable);
    expect(opened).toEqual([]);
  });

  it('still answers when the receipt cannot be stored: the records are queued and carry it', async () => {
    const failure = new MemgateError('DATABASE_UNAVAILABLE', 'down');
    const { acceptor, logger } = setUp({ receipts: { open: () => Promise.reject(failure) } });
    const logged = vi.spyOn(logger, 'error');
    const receipt = await acceptor.accept(upserts([{ id: 'p1' }]));
    expect(receipt).toMatchObject({ id: 'r1', accepted: 1 });
    expect(logged).toHaveBeenCalledWith(
      { err: failure, receiptId: 'r1' },
      'could not store the receipt at acceptance',
    );
  });
});
