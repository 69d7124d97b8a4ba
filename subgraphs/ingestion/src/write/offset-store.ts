import type { RunOptions, Statement } from '@memgate/cypher';
import neo4j, { type Record as BoltRecord } from 'neo4j-driver';
import { decodeOutbox, type ChangeOutbox } from '../changes/change-outbox.js';
import { readOffsetStatement, readOutboxStatement } from './offset-statements.js';

export interface OffsetGraph {
  read(statement: Statement, options?: RunOptions): Promise<BoltRecord[]>;
}

/** The last offset of a partition this group applied to the graph, or undefined if none. */
export async function readAppliedOffset(
  graph: OffsetGraph,
  label: string,
  where: { readonly group: string; readonly topic: string; readonly partition: number },
): Promise<bigint | undefined> {
  const [record] = await graph.read(
    readOffsetStatement(label, where.group, where.topic, where.partition),
    {
      kind: 'readAppliedOffset',
      metadata: { app: 'memgate-ingestion', action: 'read-applied-offset' },
    },
  );
  return offsetValue(record?.get('lastOffset'));
}

/** A stored `lastOffset` as a bigint, undefined when none is stored. */
export function offsetValue(value: unknown): bigint | undefined {
  if (neo4j.isInt(value)) return value.toBigInt();
  // Written by us as a Bolt integer; a float or string here would be someone else's node.
  return typeof value === 'number' ? BigInt(Math.trunc(value)) : undefined;
}

/** The outbox of a partition, if it holds events. */
export async function readOutbox(
  graph: OffsetGraph,
  label: string,
  where: { readonly group: string; readonly topic: string; readonly partition: number },
): Promise<ChangeOutbox | undefined> {
  const [record] = await graph.read(
    readOutboxStatement(label, where.group, where.topic, where.partition),
    {
      kind: 'readChangeOutbox',
      metadata: { app: 'memgate-ingestion', action: 'read-change-outbox' },
    },
  );
  return record && decodeOutbox(record.get('changes'), record.get('changesFrom'));
}
