import type { Record as BoltRecord } from 'neo4j-driver';
import type { ChangeMessage } from '../changes/change-event.js';
import { nodeChangeMessage, relationshipChangeMessage } from '../changes/change-messages.js';
import type { PlannedStep, RowOrigin } from './write-plan.js';

/** What a step's statements said: the rows that changed something, and the upserts that created their node. */
export interface ReportedRows {
  readonly rows: readonly number[];
  readonly created: ReadonlySet<number>;
}

/**
 * The change events of one executed step: one per row it reports (`rows`,
 * the `row[0]` of those that changed something), and one per entity or pair
 * even when several rows of the statement name it. An upsert is `created`
 * when any of its rows created the node (several rows of one new node
 * give one `created`).
 */
export function stepChanges(
  step: PlannedStep,
  { rows, created: createdRows }: ReportedRows,
  at: string,
): ChangeMessage[] {
  const reported = new Map<number, boolean>(rows.map((i) => [i, createdRows.has(i)]));
  const bySubject = new Map<string, { origin: RowOrigin; created: boolean }>();
  step.origins.forEach((origin, i) => {
    const created = reported.get(i);
    if (created === undefined) return;
    const { id } = origin.subject;
    const seen = bySubject.get(id);
    if (seen) seen.created ||= created;
    else bySubject.set(id, { origin, created });
  });
  return [...bySubject.values()].map(({ origin, created }) => {
    switch (step.kind) {
      case 'upsert':
        return nodeChangeMessage(origin.subject, created ? 'created' : 'updated', at);
      case 'delete':
        return nodeChangeMessage(origin.subject, 'deleted', at);
      case 'connect':
        return relationshipChangeMessage(origin.subject, 'connected', at);
      case 'disconnect':
        return relationshipChangeMessage(origin.subject, 'disconnected', at);
    }
  });
}

/**
 * The rows a statement reports in its one record: the `rows` it applied
 * and, for an upsert, those that `created` their node.
 */
export function reportedRows(result: readonly BoltRecord[]): ReportedRows {
  return { rows: listOf(result, 'rows'), created: new Set(listOf(result, 'created')) };
}

function listOf(result: readonly BoltRecord[], name: string): number[] {
  const [record] = result;
  return record?.has(name) ? (record.get(name) as unknown[]).map(Number) : [];
}
