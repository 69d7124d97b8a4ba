import {
  keyString,
  type ChangeMessage,
  type NodeChange,
  type ReceiptProgress,
} from './changeMessages.js';

export interface NodeChangeFilter {
  /** Node types to hear about; all when absent. */
  readonly types?: readonly string[] | undefined;
  /** Keys (as `keyString` prints them) to hear about; all when absent. */
  readonly keys?: readonly string[] | undefined;
}

type NodeListener = (change: NodeChange) => void;
type ReceiptListener = (progress: ReceiptProgress) => void;

interface NodeSubscriber {
  readonly keys: ReadonlySet<string> | undefined;
  readonly listener: NodeListener;
}

/** Told when a subscription starts and stops listening (the active-subscriptions gauge). */
export interface SubscriberObserver {
  opened(): void;
  closed(): void;
}

/**
 * Fans every change out to the subscriptions of this replica. Subscribers
 * are indexed by node type and by receipt id, so an event costs work in
 * proportion to the subscribers that want it, not to all of them.
 */
export class ChangeHub {
  private readonly byType = new Map<string, Set<NodeSubscriber>>();
  private readonly anyType = new Set<NodeSubscriber>();
  private readonly byReceipt = new Map<string, Set<ReceiptListener>>();

  constructor(private readonly observer?: SubscriberObserver) {}

  publish(message: ChangeMessage): void {
    // Sets are iterated in place, not copied: a subscriber that leaves during
    // the loop is skipped, and with thousands of subscribers a copy per
    // message costs more than the delivery.
    if (message.kind === 'receipt') {
      for (const listener of this.byReceipt.get(message.receiptId) ?? []) listener(message);
      return;
    }
    const key = keyString(message.key);
    for (const set of [this.anyType, this.byType.get(message.typename)]) {
      for (const subscriber of set ?? []) {
        if (!subscriber.keys || subscriber.keys.has(key)) subscriber.listener(message);
      }
    }
  }

  onNodeChange(filter: NodeChangeFilter, listener: NodeListener): () => void {
    const subscriber: NodeSubscriber = { keys: filter.keys && new Set(filter.keys), listener };
    const sets = filter.types
      ? filter.types.map((type) => setIn(this.byType, type))
      : [this.anyType];
    for (const set of sets) set.add(subscriber);
    return this.listening(() => {
      for (const set of sets) set.delete(subscriber);
      for (const type of filter.types ?? []) {
        if (this.byType.get(type)?.size === 0) this.byType.delete(type);
      }
    });
  }

  onReceipt(receiptId: string, listener: ReceiptListener): () => void {
    const set = setIn(this.byReceipt, receiptId);
    set.add(listener);
    return this.listening(() => {
      set.delete(listener);
      if (set.size === 0) this.byReceipt.delete(receiptId);
    });
  }

  /** Counts a listener in, and out once however often its unsubscribe runs. */
  private listening(remove: () => void): () => void {
    this.observer?.opened();
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      remove();
      this.observer?.closed();
    };
  }

  /** Subscribers currently listening, for tests and metrics. */
  get size(): number {
    let total = this.anyType.size;
    for (const set of this.byType.values()) total += set.size;
    for (const set of this.byReceipt.values()) total += set.size;
    return total;
  }
}

function setIn<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}
