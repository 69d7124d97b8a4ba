import type { GraphClient } from '@memgate/cypher';
import neo4j from 'neo4j-driver';

/**
 * The benchmark graph: the same three node types written for Memgate and for
 * @neo4j/graphql, on labels of their own so a run never touches a user's data.
 */
export const LABELS = {
  person: 'BenchPerson',
  organization: 'BenchOrganization',
  document: 'BenchDocument',
} as const;

export const MEMGATE_SDL = /* GraphQL */ `
  type Person @node(labels: ["${LABELS.person}"], plural: "people") @key(fields: "id") {
    id: ID! @id
    name: String! @index
    age: Int @index
    knows: [Person!]! @relationship(type: "KNOWS", direction: OUT, properties: "Acquaintance")
    worksAt: [Organization!]! @relationship(type: "WORKS_AT", direction: OUT)
    authored: [Document!]! @relationship(type: "AUTHORED", direction: OUT)
  }
  type Organization @node(labels: ["${LABELS.organization}"]) @key(fields: "id") {
    id: ID! @id
    name: String!
  }
  type Document @node(labels: ["${LABELS.document}"]) @key(fields: "id") {
    id: ID! @id
    title: String!
    mentions: [Person!]! @relationship(type: "MENTIONS", direction: OUT)
  }
  type Acquaintance @relationshipProperties { strength: Float }
`;

export const NEO4J_GRAPHQL_SDL = /* GraphQL */ `
  type Person @node(labels: ["${LABELS.person}"]) {
    id: ID!
    name: String!
    age: Int
    knows: [Person!]! @relationship(type: "KNOWS", direction: OUT, properties: "Acquaintance")
    worksAt: [Organization!]! @relationship(type: "WORKS_AT", direction: OUT)
    authored: [Document!]! @relationship(type: "AUTHORED", direction: OUT)
  }
  type Organization @node(labels: ["${LABELS.organization}"]) {
    id: ID!
    name: String!
  }
  type Document @node(labels: ["${LABELS.document}"]) {
    id: ID!
    title: String!
    mentions: [Person!]! @relationship(type: "MENTIONS", direction: OUT)
  }
  type Acquaintance @relationshipProperties { strength: Float }
`;

export interface GraphSize {
  readonly people: number;
  readonly organizations: number;
  readonly documents: number;
  /** Outgoing KNOWS per person. */
  readonly knowsPerPerson: number;
}

export interface GraphCounts {
  readonly nodes: number;
  readonly relationships: number;
}

const BATCH = 5_000;

/** Deletes what an earlier run left, in bounded transactions (a big graph in one would exhaust the heap). */
export async function removeBenchGraph(client: GraphClient): Promise<void> {
  for (const label of Object.values(LABELS)) {
    for (;;) {
      const [record] = await client.write({
        text: `MATCH (n:\`${label}\`) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS c`,
        params: {},
      });
      if (neo4j.integer.toNumber(record?.get('c') as number) === 0) break;
    }
  }
}

/**
 * Generates the graph deterministically (the same ids, ages and edges every
 * run), in batches of one transaction each, after the indexes exist.
 */
export async function generateBenchGraph(
  client: GraphClient,
  size: GraphSize,
  log: (line: string) => void,
): Promise<GraphCounts> {
  const int = (value: number) => neo4j.int(value);
  await removeBenchGraph(client);
  const batches = async (
    total: number,
    text: string,
    extra: Record<string, unknown> = {},
  ): Promise<void> => {
    for (let from = 0; from < total; from += BATCH) {
      const to = Math.min(total, from + BATCH) - 1;
      await client.write({ text, params: { from: int(from), to: int(to), ...extra } });
    }
  };
  const n = {
    people: int(size.people),
    organizations: int(size.organizations),
    documents: int(size.documents),
  };
  log(
    `  nodes: ${size.people} people, ${size.organizations} organisations, ${size.documents} documents…`,
  );
  await batches(
    size.people,
    `UNWIND range($from, $to) AS i CREATE (:\`${LABELS.person}\` {id: 'p' + toString(i), name: 'Person ' + toString(i), age: 18 + (i * 7919) % 70})`,
  );
  await batches(
    size.organizations,
    `UNWIND range($from, $to) AS i CREATE (:\`${LABELS.organization}\` {id: 'o' + toString(i), name: 'Organisation ' + toString(i)})`,
  );
  await batches(
    size.documents,
    `UNWIND range($from, $to) AS i CREATE (:\`${LABELS.document}\` {id: 'd' + toString(i), title: 'Document ' + toString(i)})`,
  );
  log(`  relationships: KNOWS ×${size.knowsPerPerson}, WORKS_AT, AUTHORED, MENTIONS…`);
  await batches(
    size.people,
    `UNWIND range($from, $to) AS i
     MATCH (a:\`${LABELS.person}\` {id: 'p' + toString(i)})
     UNWIND range(1, $k) AS k
     MATCH (b:\`${LABELS.person}\` {id: 'p' + toString((i * 31 + k * 7919) % $people)})
     CREATE (a)-[:KNOWS {strength: toFloat((i + k) % 100) / 100.0}]->(b)`,
    { k: int(size.knowsPerPerson), people: n.people },
  );
  await batches(
    size.people,
    `UNWIND range($from, $to) AS i
     MATCH (a:\`${LABELS.person}\` {id: 'p' + toString(i)})
     MATCH (o:\`${LABELS.organization}\` {id: 'o' + toString(i % $organizations)})
     CREATE (a)-[:WORKS_AT]->(o)`,
    { organizations: n.organizations },
  );
  await batches(
    size.documents,
    `UNWIND range($from, $to) AS i
     MATCH (d:\`${LABELS.document}\` {id: 'd' + toString(i)})
     MATCH (a:\`${LABELS.person}\` {id: 'p' + toString((i * 13) % $people)})
     MATCH (m:\`${LABELS.person}\` {id: 'p' + toString((i * 17 + 5) % $people)})
     CREATE (a)-[:AUTHORED]->(d), (d)-[:MENTIONS]->(m)`,
    { people: n.people },
  );
  const [nodes] = await client.read({
    text: `MATCH (n) WHERE n:\`${LABELS.person}\` OR n:\`${LABELS.organization}\` OR n:\`${LABELS.document}\` RETURN count(n) AS c`,
    params: {},
  });
  const [relationships] = await client.read({
    text: `MATCH (:\`${LABELS.person}\`)-[r]->() RETURN count(r) AS c`,
    params: {},
  });
  const [mentions] = await client.read({
    text: `MATCH (:\`${LABELS.document}\`)-[r]->() RETURN count(r) AS c`,
    params: {},
  });
  const count = (record: typeof nodes): number =>
    neo4j.integer.toNumber(record?.get('c') as number);
  return { nodes: count(nodes), relationships: count(relationships) + count(mentions) };
}

/**
 * After a bulk load, Neo4j's planner still holds statistics (and cached
 * plans) from the empty graph, and may pick an index seek where an expand is
 * far cheaper: the first peer measured would pay for it. Wait for the
 * indexes, refresh their statistics and drop cached plans so every peer
 * starts from the same, current state. Memgraph keeps no such cache.
 */
export async function settleEngine(client: GraphClient): Promise<void> {
  if (client.engine !== 'neo4j') return;
  await client.runAutoCommit('CALL db.awaitIndexes(600)');
  await client.runAutoCommit('CALL db.resampleOutdatedIndexes()');
  await client.runAutoCommit('CALL db.clearQueryCaches()');
}
