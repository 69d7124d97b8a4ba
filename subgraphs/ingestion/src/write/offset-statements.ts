import { escapeName, type Statement } from '@memgate/cypher';
import neo4j from 'neo4j-driver';

/** The last Kafka offset of one partition that a worker group has applied to the graph. */
export interface AppliedOffset {
  readonly group: string;
  readonly topic: string;
  readonly partition: number;
  /** Kafka offsets are 64-bit; kafkajs gives them as decimal strings. */
  readonly offset: string;
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
 * batch's). The offset only moves forward, so a late writer of an older
 * batch cannot pull it back.
 */
export function storeOffsetStatement(
  label: string,
  applied: AppliedOffset,
  outbox: OutboxValue,
): Statement {
  const text = [
    `MERGE (o:${escapeName(label)} {${escapeName('key')}: $key})`,
    'SET o.consumerGroup = $consumerGroup, o.topic = $topic, o.partitionId = $partitionId,',
    '  o.lastOffset = CASE WHEN o.lastOffset IS NULL OR o.lastOffset < $lastOffset THEN $lastOffset ELSE o.lastOffset END,',
    '  o.changes = $changes, o.changesFrom = $changesFrom',
  ].join('\n');
  return {
    text,
    params: {
      key: offsetKey(applied.group, applied.topic, applied.partition),
      consumerGroup: applied.group,
      topic: applied.topic,
      partitionId: neo4j.int(applied.partition),
      lastOffset: neo4j.int(applied.offset),
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
    'RETURN o.lastOffset AS lastOffset, o.changes AS changes, o.changesFrom AS changesFrom',
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
    text: `MATCH (o:${escapeName(label)} {${escapeName('key')}: $key}) RETURN o.lastOffset AS lastOffset`,
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
