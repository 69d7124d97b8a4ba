/**
 * The graph both sides of the ingest benchmark write: one node type with a
 * relationship to itself. The pipeline writes `MemgateBenchItem` nodes
 * through the ingestion service; the direct writer writes the same rows as
 * `MemgateBenchDirect`, so each side starts from an empty, indexed label.
 */
export const PIPELINE_LABEL = 'MemgateBenchItem';
export const DIRECT_LABEL = 'MemgateBenchDirect';
export const RELATIONSHIP = 'BENCH_LINKS';
export const SOURCE = 'bench-items';

export const BENCH_SDL = /* GraphQL */ `
  "A benchmark record."
  type BenchItem @node(labels: ["${PIPELINE_LABEL}"]) @key(fields: "id") {
    id: ID! @id
    name: String
    score: Int
    links: [BenchItem!]! @relationship(type: "${RELATIONSHIP}", direction: OUT)
  }
`;

/** The raw source of the node records: each NDJSON line is one node. */
export const BENCH_MAPPING = `source: ${SOURCE}
nodes:
  - as: item
    type: BenchItem
    key: { id: id }
    properties: { name: name, score: score }
`;

export interface NodeRow {
  readonly id: string;
  readonly name: string;
  readonly score: number;
}

export interface LinkRow {
  readonly from: string;
  readonly to: string;
}

export function nodeRow(index: number): NodeRow {
  return { id: `i${index}`, name: `item ${index}`, score: index % 1000 };
}

/**
 * The `index`-th relationship: a fixed pseudo-random pair, so both sides
 * write the same ones and none repeats (a ring at a stride coprime to the
 * node count would also do; this reads more like real data).
 */
export function linkRow(index: number, nodes: number): LinkRow {
  const from = index % nodes;
  const step = 1 + Math.floor(index / nodes);
  return { from: `i${from}`, to: `i${(from * 7919 + step * 104729) % nodes}` };
}

/** How the records split: half nodes, half relationships (at least one node). */
export function recordSplit(records: number): { nodes: number; links: number } {
  const nodes = Math.max(1, Math.ceil(records / 2));
  return { nodes, links: records - nodes };
}
