/**
 * A path into a raw record: `author.name`, `topics[0].slug`, `$` for the
 * item itself (an element of a `forEach` array of scalars), and
 * `$record.x` to reach the whole record from inside a `forEach`.
 */
export interface FieldPath {
  readonly text: string;
  /** Resolved against the whole record rather than the current item. */
  readonly fromRecord: boolean;
  readonly segments: readonly (string | number)[];
}

const SEGMENT = /^([^.[\]]+)?((?:\[\d+\])*)$/;

/** Parses a path, or says what is wrong with it. */
export function parseFieldPath(text: string): FieldPath | { readonly error: string } {
  const trimmed = text.trim();
  if (trimmed === '$') return { text, fromRecord: false, segments: [] };
  if (trimmed === '$record') return { text, fromRecord: true, segments: [] };
  const fromRecord = trimmed.startsWith('$record.');
  const body = fromRecord ? trimmed.slice('$record.'.length) : trimmed;
  if (body.length === 0 || body.startsWith('$')) {
    return { error: `"${text}" is not a field path (write a.b[0].c, $ or $record.a)` };
  }
  const segments: (string | number)[] = [];
  for (const part of body.split('.')) {
    const match = SEGMENT.exec(part);
    if (!match || (match[1] === undefined && !match[2])) {
      return { error: `"${text}" is not a field path (write a.b[0].c, $ or $record.a)` };
    }
    if (match[1] !== undefined) segments.push(match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return { text, fromRecord, segments };
}

/** The value at `path`, or undefined when any step is missing. */
export function readFieldPath(path: FieldPath, scope: { item: unknown; record: unknown }): unknown {
  let value = path.fromRecord ? scope.record : scope.item;
  for (const segment of path.segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(value)) return undefined;
      value = value[segment];
    } else {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      value = (value as Record<string, unknown>)[segment];
    }
  }
  return value;
}

/** The top-level field a record-scoped path starts with, for strict mappings. */
export function topLevelField(path: FieldPath): string | undefined {
  const [first] = path.segments;
  return typeof first === 'string' ? first : undefined;
}
