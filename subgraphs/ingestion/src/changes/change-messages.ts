import { receiptStatus } from '../receipts/receipt.js';
import type { ReceiptCounters } from '../receipts/receipt-counters.js';
import { ingestionNames } from '../schema-generation/names.js';
import { entityMessageKey } from '../model/entity-key.js';
import type {
  ChangeEvent,
  ChangeMessage,
  NodeChangeKind,
  RelationshipChangeKind,
} from './change-event.js';
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
  const event: ChangeEvent = {
    kind: 'receipt',
    receiptId: id,
    status: receiptStatus(counters),
    accepted,
    written,
    rejected,
    skipped,
    at,
  };
  return { key: changeMessageKey(event), event };
}

/**
 * The Kafka key of an event, as its subject named it when the batch was
 * planned: `<Typename>:<key>` of its node (the start node of a
 * relationship; a change event's key map keeps the `@key` order), or
 * `IngestionReceipt:<id>`.
 */
export function changeMessageKey(event: ChangeEvent): string {
  return event.kind === 'receipt'
    ? `${ingestionNames.receiptType}:${event.receiptId}`
    : entityMessageKey(event.typename, Object.values(event.key));
}
