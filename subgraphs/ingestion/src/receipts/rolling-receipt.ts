import type { ReceiptRef } from '../transform/graph-operation.js';

/**
 * The receipt of an external topic's messages: one per source and UTC day of
 * the message's Kafka timestamp, e.g. `crm-events@2024-05-01`. A topic has
 * no requests to give receipts to, and one receipt per message would flood
 * the graph; a day is a window an operator asks about ("what did yesterday's
 * feed do?"). It is rolling: `accepted` grows with every message applied,
 * so it reads COMPLETED whenever everything consumed so far is accounted
 * for. Taking the day from the message, not the clock, puts a redelivered
 * message on the same receipt.
 */
export function rollingReceiptRef(source: string, timestampMs: string | undefined): ReceiptRef {
  const millis = Number(timestampMs);
  const day = new Date(Number.isFinite(millis) && millis > 0 ? millis : 0)
    .toISOString()
    .slice(0, 10);
  return { id: `${source}@${day}`, source, accepted: 0, createdAt: `${day}T00:00:00.000Z` };
}
