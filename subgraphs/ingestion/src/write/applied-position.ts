import neo4j from 'neo4j-driver';

/**
 * How far one partition is applied to the graph: every message before
 * `offset`, and of the message at `offset` the records up to `index`, or
 * all of it when `index` is undefined. A framed message (ADR 0012) can be
 * split across transactions, by the batch size or by a bisection, so a
 * message can be half applied; a message of one record never is.
 */
export interface AppliedPosition {
  readonly offset: bigint;
  readonly index: number | undefined;
}

/** Before the first message of a partition. */
export const NOTHING_APPLIED: AppliedPosition = { offset: -1n, index: undefined };

/** The position applying `record` reaches. */
export function positionAfter(record: {
  readonly offset: string;
  readonly index?: number;
  readonly endsMessage?: boolean;
}): AppliedPosition {
  return {
    offset: BigInt(record.offset),
    index: record.endsMessage === false ? (record.index ?? 0) : undefined,
  };
}

/** Whether the graph already holds `record`. */
export function holdsRecord(
  applied: AppliedPosition,
  record: { readonly offset: string; readonly index?: number },
): boolean {
  const offset = BigInt(record.offset);
  if (offset !== applied.offset) return offset < applied.offset;
  return applied.index === undefined || (record.index ?? 0) <= applied.index;
}

/** Whether the graph holds every record of the message at `offset`. */
export function holdsMessage(applied: AppliedPosition, offset: string): boolean {
  const at = BigInt(offset);
  return at < applied.offset || (at === applied.offset && applied.index === undefined);
}

/** The later of two positions: a position only moves forward. */
export function laterPosition(a: AppliedPosition, b: AppliedPosition): AppliedPosition {
  if (a.offset !== b.offset) return a.offset > b.offset ? a : b;
  if (a.index === undefined) return a;
  if (b.index === undefined) return b;
  return a.index >= b.index ? a : b;
}

/**
 * A position as the offset node stores it (`lastOffset`, `lastIndex`);
 * NOTHING_APPLIED when none is stored. A stored offset without an index is
 * a whole message, as every position written before frames existed.
 */
export function storedPosition(lastOffset: unknown, lastIndex: unknown): AppliedPosition {
  const offset = integerValue(lastOffset);
  if (offset === undefined) return NOTHING_APPLIED;
  const index = integerValue(lastIndex);
  return { offset, index: index === undefined ? undefined : Number(index) };
}

/** A stored integer as a bigint, undefined when none is stored. */
function integerValue(value: unknown): bigint | undefined {
  if (neo4j.isInt(value)) return value.toBigInt();
  // Written by us as a Bolt integer; a float or string here would be someone else's node.
  return typeof value === 'number' ? BigInt(Math.trunc(value)) : undefined;
}
