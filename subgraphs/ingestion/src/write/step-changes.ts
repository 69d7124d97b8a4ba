import type { Record as BoltRecord } from 'neo4j-driver';
import type { ChangeMessage } from '../changes/change-event.js';
import { nodeChangeMessage, relationshipChangeMessage } from '../changes/change-messages.js';
import type { PlannedStep, RowOrigin } from './write-plan.js';

/**
 * The change events of one executed statement: one per row it reports
 * (`rows`, the `row.i` of those that changed something), and one per
 * entity or pair even when several rows of
 * the statement name it. An upsert is `created` when any of its rows found
 * no node before the statement: engines that read every OPTIONAL MATCH
 * before the first MERGE report every duplicate row as created, those that
 * stream rows report the first one only; both give one `created`.
 */
export function stepChanges(
  step: PlannedStep,
  result: readonly BoltRecord[],
  at: string,
): ChangeMessage[] {
  const { rows, created: createdRows } = reportedRows(result);
  const reported = new Map<number, boolean>(rows.map((i) => [i, createdRows.has(i)]));
  const bySubject = new Map<string, { origin: RowOrigin; created: boolean }>();
  step.origins.forEach((origin, i) => {
    const created = reported.get(i);
    if (created === undefined) return;
    const id = subjectId(origin);
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

/** The entity, or the pair of a relationship (with its field), a row changes. */
function subjectId({ subject }: RowOrigin): string {
  const { relationship } = subject;
  return relationship
    ? `${subject.messageKey} ${relationship.field} ${relationship.to.typename}:${JSON.stringify(relationship.to.key)}`
    : subject.messageKey;
}

/** The rows a statement reports in its one record: `rows` it applied, and the upserts that `created` their node. */
export function reportedRows(result: readonly BoltRecord[]): {
  rows: number[];
  created: Set<number>;
} {
  const [record] = result;
  if (!record) return { rows: [], created: new Set() };
  const list = (name: string): number[] =>
    record.has(name) ? (record.get(name) as unknown[]).map(Number) : [];
  return { rows: list('rows'), created: new Set(list('created')) };
}
