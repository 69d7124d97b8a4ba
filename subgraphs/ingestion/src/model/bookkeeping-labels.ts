import type { GraphModel } from '@memgate/graph-model';
import { MemgateError } from '@memgate/platform/errors';

/**
 * Labels of the nodes the pipeline keeps for itself: receipts, and the
 * offsets each worker group has applied. They live in the same graph as the
 * user's data (so they commit in the same transaction) but never in its API,
 * which is generated from the user's SDL alone.
 */
export interface BookkeepingLabels {
  readonly receipt: string;
  readonly offset: string;
}

/** A user type with a bookkeeping label would see receipts among its nodes, and could clobber them. */
export function assertBookkeepingLabelsFree(model: GraphModel, labels: BookkeepingLabels): void {
  const bookkeeping = new Set([labels.receipt, labels.offset]);
  const clashes = [...model.nodes.values()].flatMap((node) =>
    node.labels
      .filter((label) => bookkeeping.has(label))
      .map((label) => `${node.name} (:${label})`),
  );
  if (labels.receipt === labels.offset) clashes.push(`receipts and offsets (:${labels.receipt})`);
  if (clashes.length > 0) {
    throw new MemgateError(
      'INVALID_CONFIG',
      `Bookkeeping labels must not be used by the graph: ${clashes.join(', ')}. Set MEMGATE_RECEIPT_LABEL / MEMGATE_OFFSET_LABEL to other labels.`,
      { details: { clashes } },
    );
  }
}
