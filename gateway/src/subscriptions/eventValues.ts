import type { GraphQLFieldResolver, GraphQLFormattedError } from 'graphql';
import { keyString, type NodeChange, type ReceiptProgress } from './changeMessages.js';
import type { Completion } from './derivedResult.js';

/**
 * The values one event is executed against. Event values resolve fields
 * by name from the message; what a derived query returned is plain data
 * keyed by response key (the query asked with the subscription's own
 * aliases), so plain objects resolve by response key.
 */
export abstract class EventValue {
  abstract resolveField(fieldName: string, responseKey: string): unknown;
}

/** The root of one event: the subscription field resolves to the event itself. */
export class EventRoot extends EventValue {
  constructor(
    readonly value: EventValue,
    /** Errors of the derived query, with paths from the subscription field down. */
    readonly errors: readonly GraphQLFormattedError[],
  ) {
    super();
  }

  resolveField(): unknown {
    return this.value;
  }
}

/** A `GraphChange`. */
export class ChangeValue extends EventValue {
  constructor(
    private readonly change: NodeChange,
    /** `node` completions by the response key of each `node` field. */
    private readonly nodes: ReadonlyMap<string, Completion>,
    /** The `GraphChangeKind` value of a message kind. */
    private readonly kindName: (kind: string) => string,
  ) {
    super();
  }

  resolveField(fieldName: string, responseKey: string): unknown {
    switch (fieldName) {
      case 'kind':
        return this.kindName(this.change.kind);
      case 'typename':
        return this.change.typename;
      case 'key':
        return keyString(this.change.key);
      case 'receiptId':
        return this.change.receiptId ?? null;
      case 'at':
        return this.change.at;
      case 'node':
        return this.nodes.get(responseKey)?.value ?? null;
      default:
        return null;
    }
  }
}

/** An `IngestionReceipt`: what the progress message says, the rest from the derived query. */
export class ReceiptValue extends EventValue {
  constructor(
    private readonly progress: ReceiptProgress | undefined,
    private readonly completion: Completion,
  ) {
    super();
  }

  resolveField(fieldName: string, responseKey: string): unknown {
    const fromEvent = this.progress && this.eventField(this.progress, fieldName);
    if (fromEvent !== undefined) return fromEvent;
    const data = this.completion.value as Record<string, unknown> | null;
    return data?.[responseKey] ?? null;
  }

  private eventField(progress: ReceiptProgress, fieldName: string): unknown {
    switch (fieldName) {
      case 'id':
        return progress.receiptId;
      case 'status':
        return progress.status;
      case 'accepted':
        return progress.accepted;
      case 'written':
        return progress.written;
      case 'rejected':
        return progress.rejected;
      case 'updatedAt':
        return progress.at;
      default:
        return undefined;
    }
  }
}

export const eventFieldResolver: GraphQLFieldResolver<unknown, unknown> = (
  source,
  _args,
  _context,
  info,
) => {
  const responseKey = String(info.path.key);
  if (source instanceof EventValue) return source.resolveField(info.fieldName, responseKey);
  if (typeof source !== 'object' || source === null) return null;
  return (source as Record<string, unknown>)[responseKey];
};
