/**
 * Turns an unbounded input (an operation name a client chose, a kind a
 * compiler reported) into a label value with a fixed ceiling on distinct
 * values. Each distinct label value is a time series in Prometheus; a client
 * that names every request differently must not be able to create millions.
 */
export interface BoundedLabelOptions {
  /** Most distinct values kept; later new ones become `other`. */
  readonly max: number;
  /** Values always kept, whatever the cap (e.g. the persisted operations). */
  readonly allow?: Iterable<string>;
  /** What a kept value must look like; anything else is `other`. */
  readonly pattern?: RegExp;
  /** The value for a missing input (an anonymous operation). */
  readonly missing?: string;
}

export const OTHER = 'other';

/** GraphQL names: what the spec allows, capped in length. */
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

export class BoundedLabel {
  private readonly allowed: ReadonlySet<string>;
  private readonly seen = new Set<string>();
  private readonly max: number;
  private readonly pattern: RegExp;
  private readonly missing: string;

  constructor(options: BoundedLabelOptions) {
    this.allowed = new Set(options.allow ?? []);
    this.max = options.max;
    this.pattern = options.pattern ?? GRAPHQL_NAME;
    this.missing = options.missing ?? 'anonymous';
  }

  value(raw: string | null | undefined): string {
    if (raw === undefined || raw === null || raw === '') return this.missing;
    if (this.allowed.has(raw) || this.seen.has(raw)) return raw;
    if (!this.pattern.test(raw) || this.seen.size >= this.max) return OTHER;
    this.seen.add(raw);
    return raw;
  }
}
