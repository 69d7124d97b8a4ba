import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../test/silent-logger.js';
import type { ChangeMessage } from '../changes/change-event.js';
import type { DeadLetter } from '../model/dead-letter.js';
import type { Receipt } from '../receipts/receipt.js';
import type { UploadSeal } from '../receipts/upload-statements.js';
import { ndjsonRecords } from './ndjson-records.js';
import { UploadAcceptor } from './upload-acceptor.js';

const now = new Date('2024-05-01T12:00:00.000Z');

function setUp(options: { holder?: Receipt; sendFails?: boolean } = {}) {
  const events: string[] = [];
  const letters: DeadLetter[] = [];
  const seals: UploadSeal[] = [];
  const changes: ChangeMessage[] = [];
  const acceptor = new UploadAcceptor({
    maxBodyBytes: 200,
    maxRecordBytes: 50,
    idempotencyWindowMs: 60_000,
    queue: {
      sendIndexed: (_source, receipt, records, key) => {
        events.push(
          `send ${records.map((record) => record.index).join(',')} key=${String(key)} receipt=${receipt.id}`,
        );
        return options.sendFails ? Promise.reject(new Error('broker down')) : Promise.resolve();
      },
    },
    deadLetters: {
      send: (sent) => {
        events.push(`dead letters ${sent.length}`);
        letters.push(...sent);
        return Promise.resolve();
      },
    },
    receipts: {
      claim: (ref) => {
        events.push('claim');
        return Promise.resolve(options.holder?.id ?? ref.id);
      },
      find: () => Promise.resolve(options.holder ?? null),
      release: (id) => {
        events.push(`release ${id}`);
        return Promise.resolve();
      },
      openUpload: (ref) => {
        events.push(`open ${ref.id}`);
        return Promise.resolve();
      },
      sealUpload: (id, seal) => {
        events.push(`seal ${id}`);
        seals.push(seal);
        return Promise.resolve({
          id,
          accepted: seal.accepted,
          written: 0,
          rejected: seal.refused,
          skipped: 0,
          refused: seal.refused,
          receiving: false,
        });
      },
    },
    changes: {
      send: (sent) => {
        changes.push(...sent);
        return Promise.resolve();
      },
    },
    rawTopic: (source) => `memgate.raw.${source}`,
    logger: silentLogger(),
    chunk: { maxItems: 2, maxBytes: 1000 },
    now: () => now,
    newId: () => 'r1',
  });
  /** A body read line by line, noting each read among the other events. */
  const body = (lines: readonly string[]) =>
    Readable.from(
      (function* () {
        for (const [index, line] of lines.entries()) {
          events.push(`read ${index + 1}`);
          yield Buffer.from(`${line}\n`);
        }
      })(),
    );
  return { acceptor, events, letters, seals, changes, body };
}

describe('UploadAcceptor', () => {
  it('queues a chunk at a time, reading more of the body only once Kafka acknowledged it', async () => {
    const { acceptor, events, body } = setUp();
    const outcome = await acceptor.accept({
      source: 'crm',
      parser: ndjsonRecords,
      body: body(['{"id":1}', '{"id":2}', '{"id":3}']),
    });
    expect(outcome).toEqual({ receiptId: 'r1', accepted: 3, rejected: 0, replayed: false });
    expect(events).toEqual([
      'open r1',
      'read 1',
      'read 2',
      'send 0,1 key=undefined receipt=r1',
      'read 3',
      'send 2 key=undefined receipt=r1',
      'seal r1',
    ]);
  });

  it('dead-letters malformed lines with their line and text, and seals the receipt with them', async () => {
    const { acceptor, letters, seals, changes, body } = setUp();
    const outcome = await acceptor.accept({
      source: 'crm',
      parser: ndjsonRecords,
      body: body(['{"id":1}', '{oops', `{"pad":"${'x'.repeat(60)}"}`, '{"id":4}']),
    });
    expect(outcome).toEqual({ receiptId: 'r1', accepted: 2, rejected: 2, replayed: false });
    expect(letters).toEqual([
      {
        source: 'crm',
        topic: 'memgate.raw.crm',
        partition: -1,
        offset: '-1',
        // The body's second record: its place, as a queued record's would be named.
        record: 1,
        receiptId: 'r1',
        reason: expect.stringMatching(/^line 2 is not JSON/),
        payload: '{oops',
        line: 2,
      },
      expect.objectContaining({
        line: 3,
        record: 2,
        reason: 'line 3: the record is 70 bytes; at most 50 bytes are accepted per record',
      }),
    ]);
    expect(seals).toEqual([
      {
        accepted: 2,
        refused: 2,
        errors: letters.map((letter) => ({
          topic: 'memgate.raw.crm',
          partition: -1,
          offset: '-1',
          record: letter.record,
          reason: letter.reason,
        })),
        releaseKey: false,
      },
    ]);
    // Only the seal knows the receipt is complete when workers were faster: it says so.
    expect(changes).toEqual([
      {
        key: 'IngestionReceipt:r1',
        event: {
          kind: 'receipt',
          receiptId: 'r1',
          status: 'ACCEPTED',
          accepted: 2,
          written: 0,
          rejected: 2,
          skipped: 0,
          at: now.toISOString(),
        },
      },
    ]);
  });

  it('refuses a body whose Content-Length is over the limit without reading or opening anything', async () => {
    const { acceptor, events, body } = setUp();
    await expect(
      acceptor.accept({ source: 'crm', parser: ndjsonRecords, body: body([]), declaredBytes: 201 }),
    ).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { limitBytes: 200, givenBytes: 201 },
    });
    expect(events).toEqual([]);
  });

  it('stops at the limit when the body streams past it, settling what was queued and freeing the key', async () => {
    const { acceptor, events, seals, body } = setUp();
    const lines = Array.from({ length: 30 }, (_, index) => `{"id":${index}}`);
    await expect(
      acceptor.accept({
        source: 'crm',
        parser: ndjsonRecords,
        body: body(lines),
        idempotencyKey: 'k',
      }),
    ).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { limitBytes: 200, receiptId: 'r1', accepted: 20, rejected: 0 },
    });
    // 200 bytes hold 21 lines; the 21st waited for its chunk to fill when the 22nd went over.
    expect(events.filter((event) => event.startsWith('send'))).toHaveLength(10);
    expect(seals).toEqual([{ accepted: 20, refused: 0, errors: [], releaseKey: true }]);
  });

  it('answers the original receipt for a repeated idempotency key, reading and queuing nothing', async () => {
    const holder: Receipt = {
      id: 'r0',
      source: 'crm',
      accepted: 5,
      rejected: 1,
      refused: 1,
      written: 5,
      skipped: 0,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      entityKeys: new Map(),
      errors: [],
    };
    const { acceptor, events, body } = setUp({ holder });
    expect(
      await acceptor.accept({
        source: 'crm',
        parser: ndjsonRecords,
        body: body(['{"id":1}']),
        idempotencyKey: 'k',
      }),
    ).toEqual({ receiptId: 'r0', accepted: 5, rejected: 1, replayed: true });
    expect(events).toEqual(['claim']);
  });

  it('refuses an empty body and leaves no receipt', async () => {
    const { acceptor, events, body } = setUp();
    await expect(
      acceptor.accept({ source: 'crm', parser: ndjsonRecords, body: body(['', '  ']) }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', message: 'The body holds no record.' });
    expect(events.filter((event) => !event.startsWith('read'))).toEqual(['open r1', 'release r1']);
  });

  it('releases the receipt when the broker refuses the first chunk', async () => {
    const { acceptor, events, body } = setUp({ sendFails: true });
    await expect(
      acceptor.accept({ source: 'crm', parser: ndjsonRecords, body: body(['{"id":1}']) }),
    ).rejects.toThrow('broker down');
    expect(events.at(-1)).toBe('release r1');
  });
});
