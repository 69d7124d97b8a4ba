import type { RunOptions, Statement } from '@memgate/cypher';
import type { Record as BoltRecord } from 'neo4j-driver';
import { decodeOutbox, type ChangeOutbox } from '../changes/change-outbox.js';
import { storedPosition, type AppliedPosition } from './applied-position.js';
import { readOffsetStatement, readOutboxStatement } from './offset-statements.js';

export interface OffsetGraph {
  read(statement: Statement, options?: RunOptions): Promise<BoltRecord[]>;
}

/** How far this group applied a partition to the graph (NOTHING_APPLIED if not at all). */
export async function readAppliedOffset(
  graph: OffsetGraph,
  label: string,
  where: { readonly group: string; readonly topic: string; readonly partition: number },
): Promise<AppliedPosition> {
  const [record] = await graph.read(
    readOffsetStatement(label, where.group, where.topic, where.partition),
    {
      kind: 'readAppliedOffset',
      metadata: { app: 'memgate-ingestion', action: 'read-applied-offset' },
    },
  );
  return storedPosition(record?.get('lastOffset'), record?.get('lastIndex'));
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
