import type { ChangeMessage } from '../src/changes/change-event.js';

/** A node's change and a receipt's progress, with the keys the worker routes them by. */
export const SAMPLE_CHANGES: readonly ChangeMessage[] = [
  {
    key: 'Person:p1',
    event: { kind: 'created', typename: 'Person', key: { id: 'p1' }, at: '2024-05-01T12:00:00Z' },
  },
  {
    key: 'IngestionReceipt:r1',
    event: {
      kind: 'receipt',
      receiptId: 'r1',
      status: 'COMPLETED',
      accepted: 1,
      written: 1,
      rejected: 0,
      skipped: 0,
      at: '2024-05-01T12:00:00Z',
    },
  },
];
