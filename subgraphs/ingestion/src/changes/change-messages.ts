import { receiptStatus } from '../receipts/receipt.js';
import type { ReceiptCounters } from '../receipts/receipt-counters.js';
import { ingestionNames } from '../schema-generation/names.js';
import type { ChangeMessage, NodeChangeKind, RelationshipChangeKind } from './change-event.js';
import type { ChangeSubject } from './change-subject.js';

export function nodeChangeMessage(
  subject: ChangeSubject,
  kind: NodeChangeKind,
  at: string,
): ChangeMessage {
  return {
    key: subject.messageKey,
    event: {
      kind,
      ...subject.node,
      ...(subject.receiptId !== undefined && { receiptId: subject.receiptId }),
      at,
    },
  };
}

export function relationshipChangeMessage(
  subject: ChangeSubject,
  kind: RelationshipChangeKind,
  at: string,
): ChangeMessage {
  const { relationship } = subject;
  if (!relationship) throw new Error(`${subject.messageKey}: not a relationship change`);
  return {
    key: subject.messageKey,
    event: {
      kind,
      ...subject.node,
      relationship: relationship.type,
      field: relationship.field,
      to: relationship.to,
      ...(subject.receiptId !== undefined && { receiptId: subject.receiptId }),
      at,
    },
  };
}

export function receiptChangeMessage(counters: ReceiptCounters, at: string): ChangeMessage {
  const { id, accepted, written, rejected, skipped } = counters;
  return {
    key: `${ingestionNames.receiptType}:${id}`,
    event: {
      kind: 'receipt',
      receiptId: id,
      status: receiptStatus(counters),
      accepted,
      written,
      rejected,
      skipped,
      at,
    },
  };
}
