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
  readonly keys?: ReadonlySet<string> | undefined;
}

/**
 * Who hears node changes. An object the hub calls, rather than a listener
 * function and an unsubscribe closure: thousands of idle subscriptions each
 * hold one, and a subscription can be its own subscriber.
 */
export interface NodeSubscriber {
  /** Read when the subscriber is added and removed: it must not change in between. */
  readonly filter: NodeChangeFilter;
  onNodeChange(change: NodeChange): void;
}

/** Who hears the progress of one receipt. */
export interface ReceiptSubscriber {
  /** Read when the subscriber is added and removed: it must not change in between. */
  readonly receiptId: string;
  onReceipt(progress: ReceiptProgress): void;
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
  private readonly byReceipt = new Map<string, Set<ReceiptSubscriber>>();

  constructor(private readonly observer?: SubscriberObserver) {}

  publish(message: ChangeMessage): void {
    // Sets are iterated in place, not copied: a subscriber that leaves during
    // the loop is skipped, and with thousands of subscribers a copy per
    // message costs more than the delivery.
    if (message.kind === 'receipt') {
      for (const subscriber of this.byReceipt.get(message.receiptId) ?? []) {
        subscriber.onReceipt(message);
      }
      return;
    }
    const key = keyString(message.key);
    for (const set of [this.anyType, this.byType.get(message.typename)]) {
      for (const subscriber of set ?? []) {
        const { keys } = subscriber.filter;
        if (!keys || keys.has(key)) subscriber.onNodeChange(message);
      }
    }
  }

  addNodeSubscriber(subscriber: NodeSubscriber): void {
    const { types } = subscriber.filter;
    if (types) for (const type of types) setIn(this.byType, type).add(subscriber);
    else this.anyType.add(subscriber);
    this.observer?.opened();
  }

  /** Counts the subscriber out once, however often it is removed. */
  removeNodeSubscriber(subscriber: NodeSubscriber): void {
    const { types } = subscriber.filter;
    let removed = false;
    if (types) {
      for (const type of types) removed = deleteIn(this.byType, type, subscriber) || removed;
    } else {
      removed = this.anyType.delete(subscriber);
    }
    if (removed) this.observer?.closed();
  }

  addReceiptSubscriber(subscriber: ReceiptSubscriber): void {
    setIn(this.byReceipt, subscriber.receiptId).add(subscriber);
    this.observer?.opened();
  }

  /** Counts the subscriber out once, however often it is removed. */
  removeReceiptSubscriber(subscriber: ReceiptSubscriber): void {
    if (deleteIn(this.byReceipt, subscriber.receiptId, subscriber)) this.observer?.closed();
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

/** Removes `value` from the set under `key`, and the set once empty; whether it was there. */
function deleteIn<K, V>(map: Map<K, Set<V>>, key: K, value: V): boolean {
  const set = map.get(key);
  if (!set?.delete(value)) return false;
  if (set.size === 0) map.delete(key);
  return true;
}
