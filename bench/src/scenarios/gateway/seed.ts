import type { GraphClient } from '@memgate/cypher';
import { ID_PREFIX } from './operations.js';

export interface SeedSize {
  readonly people: number;
  /** Outgoing KNOWS per person. */
  readonly knows: number;
}

/**
 * A small graph in the example domain's own labels, written with Cypher:
 * people `gwbench-0…n-1`, each knowing the next `knows` people (a ring),
 * so every read returns the same rows every run.
 */
export async function seedGraph(client: GraphClient, size: SeedSize): Promise<void> {
  await removeSeed(client);
  await client.write({
    text: `UNWIND range(0, ${size.people - 1}) AS i
      MERGE (p:Person {id: $prefix + toString(i)})
      SET p.name = 'Person ' + toString(i), p.age = 20 + i % 50`,
    params: { prefix: ID_PREFIX },
  });
  await client.write({
    text: `UNWIND range(0, ${size.people - 1}) AS i
      UNWIND range(1, ${size.knows}) AS d
      MATCH (a:Person {id: $prefix + toString(i)}), (b:Person {id: $prefix + toString((i + d) % ${size.people})})
      CREATE (a)-[:KNOWS {strength: 0.5}]->(b)`,
    params: { prefix: ID_PREFIX },
  });
}

export async function removeSeed(client: GraphClient): Promise<void> {
  await client.write({
    text: 'MATCH (p:Person) WHERE p.id STARTS WITH $prefix DETACH DELETE p',
    params: { prefix: ID_PREFIX },
  });
}
