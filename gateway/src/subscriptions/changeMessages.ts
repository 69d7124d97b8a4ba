import { z } from 'zod';

/**
 * The events of the `<prefix>changes` topic, as the ingestion workers
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

/** The format version of the workers' frames (their ADR 0013). */
const CHANGE_FRAME_VERSION = 2;

/**
 * The events of a message of the changes topic, in order, and why any part
 * of it is not one (logged and skipped: one bad event must not stop the
 * feed, nor drop the good events of its frame). The workers publish frames,
 * `{"v":2,"events":[…]}`: the events bound for one partition, in order. A
 * message without `v` is one event with no envelope, as earlier releases
 * (and other producers) publish them.
 */
export function parseChangeMessages(value: Buffer | string | null): {
  readonly changes: readonly ChangeMessage[];
  readonly invalid: readonly string[];
} {
  if (value === null) return { changes: [], invalid: ['empty message'] };
  let json: unknown;
  try {
    json = JSON.parse(value.toString());
  } catch {
    return { changes: [], invalid: ['not JSON'] };
  }
  if (typeof json !== 'object' || json === null || !('v' in json)) {
    return parsedEvents([json], () => '');
  }
  const frame = json as { v: unknown; events?: unknown };
  if (frame.v !== CHANGE_FRAME_VERSION) {
    return { changes: [], invalid: [`unknown change format version ${JSON.stringify(frame.v)}`] };
  }
  if (!Array.isArray(frame.events)) {
    return { changes: [], invalid: ['a change frame without events'] };
  }
  return parsedEvents(frame.events, (index) => `events[${index}].`);
}

function parsedEvents(
  events: readonly unknown[],
  place: (index: number) => string,
): { changes: ChangeMessage[]; invalid: string[] } {
  const changes: ChangeMessage[] = [];
  const invalid: string[] = [];
  for (const [index, event] of events.entries()) {
    const parsed = changeMessage.safeParse(event);
    if (parsed.success) changes.push(parsed.data);
    else {
      invalid.push(
        parsed.error.issues
          .map(
            (issue) => `${place(index)}${[...issue.path].map(String).join('.')}: ${issue.message}`,
          )
          .join('; '),
      );
    }
  }
  return { changes, invalid };
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
