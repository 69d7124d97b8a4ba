import { z } from 'zod';

/**
 * The messages of the `<prefix>changes` topic, as the ingestion workers
 * write them once a batch is in the graph. The gateway only reads them.
 */
const at = z.iso.datetime({ offset: true });
const keyValue = z.union([z.string(), z.number(), z.boolean()]);

/**
 * `upserted` is the contract's word for a written node; the workers may say
 * `created` or `updated` instead, and relationship changes carry more
 * fields (`relationship`, `to`…), which the gateway does not need.
 */
const nodeChange = z.object({
  kind: z.enum(['upserted', 'created', 'updated', 'deleted', 'connected', 'disconnected']),
  typename: z.string().min(1),
  /** The node's key fields, e.g. `{ "id": "p1" }`. */
  key: z
    .record(z.string(), keyValue)
    .refine((key) => Object.keys(key).length > 0, 'must not be empty'),
  receiptId: z.string().optional(),
  at,
});

const receiptProgress = z.object({
  kind: z.literal('receipt'),
  receiptId: z.string().min(1),
  status: z.enum(['ACCEPTED', 'COMPLETED', 'FAILED']),
  accepted: z.number().int().nonnegative(),
  written: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  at,
});

const changeMessage = z.discriminatedUnion('kind', [nodeChange, receiptProgress]);

export type NodeChange = z.infer<typeof nodeChange>;
export type ReceiptProgress = z.infer<typeof receiptProgress>;
export type ChangeMessage = z.infer<typeof changeMessage>;

export const TERMINAL_RECEIPT_STATUSES: ReadonlySet<string> = new Set(['COMPLETED', 'FAILED']);

/** The changes topic under a prefix, e.g. `memgate.changes`. */
export function changesTopic(prefix: string): string {
  return `${prefix}changes`;
}

/** A message, or the reason it is not one (logged and skipped: one bad message must not stop the feed). */
export function parseChangeMessage(
  value: Buffer | string | null,
): ChangeMessage | { invalid: string } {
  if (value === null) return { invalid: 'empty message' };
  let json: unknown;
  try {
    json = JSON.parse(value.toString());
  } catch {
    return { invalid: 'not JSON' };
  }
  const parsed = changeMessage.safeParse(json);
  if (parsed.success) return parsed.data;
  return {
    invalid: parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; '),
  };
}

/**
 * A node's key as the GraphQL `ID` of `GraphChange.key` and of the `keys`
 * filter: the value itself for a one-field key, and a JSON object with
 * sorted fields for a compound key, so equal keys always print the same.
 */
export function keyString(key: Readonly<Record<string, string | number | boolean>>): string {
  const entries = Object.entries(key).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 1) return String(entries[0]?.[1]);
  return JSON.stringify(Object.fromEntries(entries));
}
