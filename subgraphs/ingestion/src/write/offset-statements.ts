import { escapeName, type Statement } from '@memgate/cypher';
import neo4j from 'neo4j-driver';
import type { AppliedPosition } from './applied-position.js';

/** How far one partition is applied to the graph by one worker group. */
export interface AppliedOffset {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  /** The last message's offset, and the last record of it when not all of it is applied. */
  readonly reached: AppliedPosition;
}

/** Topic names have no `/` and partitions are numbers, so the group can be anything. */
export function offsetKey(group: string, topic: string, partition: number): string {
  return `${topic}/${partition}/${group}`;
}

/** The change events a batch leaves in the outbox, encoded, and the batch's first offset. */
export interface OutboxValue {
  readonly changes: string | null;
  readonly from: string;
}

/**
 * Records, in the transaction that applies a batch, how far the batch went,
 * with the batch's change events (the outbox, replacing the previous
 * batch's). The position only moves forward, so a late writer of an older
 * batch cannot pull it back. `lastIndex` is set only while a framed
 * message is half applied (ADR 0012); setting it to null removes it.
 */
export function storeOffsetStatement(
  label: string,
  applied: AppliedOffset,
  outbox: OutboxValue,
): Statement {
  const text = [
    `MERGE (o:${escapeName(label)} {${escapeName('key')}: $key})`,
    'WITH o, o.lastOffset IS NULL OR o.lastOffset < $lastOffset OR',
    '  (o.lastOffset = $lastOffset AND o.lastIndex IS NOT NULL AND ($lastIndex IS NULL OR o.lastIndex < $lastIndex)) AS ahead',
    'SET o.consumerGroup = $consumerGroup, o.topic = $topic, o.partitionId = $partitionId,',
    '  o.lastOffset = CASE WHEN ahead THEN $lastOffset ELSE o.lastOffset END,',
    '  o.lastIndex = CASE WHEN ahead THEN $lastIndex ELSE o.lastIndex END,',
    '  o.changes = $changes, o.changesFrom = $changesFrom',
  ].join('\n');
  return {
    text,
    params: {
      key: offsetKey(applied.group, applied.topic, applied.partition),
      consumerGroup: applied.group,
      topic: applied.topic,
      partitionId: neo4j.int(applied.partition),
      lastOffset: neo4j.int(applied.reached.offset.toString()),
      lastIndex: applied.reached.index === undefined ? null : neo4j.int(applied.reached.index),
      changes: outbox.changes,
      changesFrom: outbox.from,
    },
  };
}

/**
 * The first statement of every batch transaction: takes the write lock on
 * the partition's offset node and reads how far the graph already is. A
 * second writer of the same partition (a worker that lost it in a
 * rebalance, or a retry of a transaction whose commit did land) waits for
 * the lock or fails with a transient conflict, and then sees the stored
 * offset and skips what it covers: nothing is applied twice. The outbox
 * comes along: a batch that finds part of itself applied publishes it again.
 */
export function claimOffsetStatement(
  label: string,
  where: { readonly group: string; readonly topic: string; readonly partition: number },
): Statement {
  const text = [
    `MERGE (o:${escapeName(label)} {${escapeName('key')}: $key})`,
    'SET o.consumerGroup = $consumerGroup, o.topic = $topic, o.partitionId = $partitionId',
    'RETURN o.lastOffset AS lastOffset, o.lastIndex AS lastIndex, o.changes AS changes, o.changesFrom AS changesFrom',
  ].join('\n');
  return {
    text,
    params: {
      key: offsetKey(where.group, where.topic, where.partition),
      consumerGroup: where.group,
      topic: where.topic,
      partitionId: neo4j.int(where.partition),
    },
  };
}

export function readOffsetStatement(
  label: string,
  group: string,
  topic: string,
  partition: number,
): Statement {
  return {
    text: `MATCH (o:${escapeName(label)} {${escapeName('key')}: $key}) RETURN o.lastOffset AS lastOffset, o.lastIndex AS lastIndex`,
    params: { key: offsetKey(group, topic, partition) },
  };
}

/** The outbox of a partition: the change events of the last batch applied to it. */
export function readOutboxStatement(
  label: string,
  group: string,
  topic: string,
  partition: number,
): Statement {
  return {
    text: `MATCH (o:${escapeName(label)} {${escapeName('key')}: $key}) RETURN o.changes AS changes, o.changesFrom AS changesFrom`,
    params: { key: offsetKey(group, topic, partition) },
  };
}
