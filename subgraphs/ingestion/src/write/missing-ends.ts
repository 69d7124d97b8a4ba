import type { TransactionScope } from '@memgate/cypher';
import {
  missingEndsStatement,
  type ConnectRow,
  type RelationshipTarget,
} from './relationship-statements.js';
import type { ConnectRowOrigin } from './write-plan.js';

/**
 * Why connect rows wrote nothing: asked only for those rows, in the same
 * transaction, so the answer matches what the connect saw. By batch record
 * index; a record with several failed rows gets the first reason.
 */
export async function missingEndsReasons(
  tx: TransactionScope,
  target: RelationshipTarget,
  rows: readonly ConnectRow[],
  origins: readonly ConnectRowOrigin[],
): Promise<Map<number, string>> {
  const found = new Map<number, { from: boolean; to: boolean }>();
  const statement = { ...missingEndsStatement(target, rows), kind: 'missingEnds' };
  for (const record of await tx.run(statement)) {
    found.set(Number(record.get('i')), {
      from: record.get('fromFound') === true,
      to: record.get('toFound') === true,
    });
  }
  const reasons = new Map<number, string>();
  for (const [i] of rows) {
    const origin = origins[i];
    if (!origin || reasons.has(origin.record)) continue;
    const ends = found.get(i) ?? { from: false, to: false };
    const missing = [...(ends.from ? [] : [origin.from]), ...(ends.to ? [] : [origin.to])];
    reasons.set(
      origin.record,
      missing.length === 0
        ? `${origin.relationship}: ${origin.from} -> ${origin.to} was not written`
        : `${origin.relationship}: no node ${missing.join(' and no node ')} to connect (yet)`,
    );
  }
  return reasons;
}
