import type { Driver } from 'neo4j-driver';

export interface Replica {
  readonly uri: string;
  readonly driver: Driver;
}

/**
 * Memgraph REPLICA instances that serve reads, taken in turn. A replica
 * that failed sits out for `cooldownMs`, so a dead replica costs one
 * fallback, not one per request; when all sit out, reads go to the MAIN.
 */
export class ReplicaPool {
  private next = 0;
  private readonly downUntil = new Map<string, number>();

  constructor(
    readonly replicas: readonly Replica[],
    private readonly cooldownMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The replica for the next read, or undefined for "use the main". */
  pick(): Replica | undefined {
    for (let tried = 0; tried < this.replicas.length; tried++) {
      const replica = this.replicas[this.next % this.replicas.length];
      this.next = (this.next + 1) % this.replicas.length;
      if (replica && (this.downUntil.get(replica.uri) ?? 0) <= this.now()) return replica;
    }
    return undefined;
  }

  markDown(replica: Replica): void {
    this.downUntil.set(replica.uri, this.now() + this.cooldownMs);
  }

  async close(): Promise<void> {
    await Promise.all(this.replicas.map((replica) => replica.driver.close()));
  }
}
