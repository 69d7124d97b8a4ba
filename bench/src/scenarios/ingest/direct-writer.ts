import neo4j, { type Driver } from 'neo4j-driver';
import { DIRECT_LABEL, RELATIONSHIP, linkRow, nodeRow } from './bench-model.js';

export interface WriteProgress {
  /** ms since the phase started, and records written by then. */
  readonly atMs: number;
  readonly written: number;
}

export interface DirectResult {
  readonly nodesMs: number;
  readonly linksMs: number;
  readonly progress: readonly WriteProgress[];
}

/**
 * The baseline: the same rows written straight through neo4j-driver, one
 * `UNWIND $rows … MERGE` transaction per batch of the pipeline's batch
 * size, one transaction at a time (as one worker writes), indexes first.
 */
export async function writeDirect(
  driver: Driver,
  counts: { nodes: number; links: number },
  batchSize: number,
  signal: AbortSignal,
): Promise<DirectResult> {
  const session = driver.session({ defaultAccessMode: neo4j.session.WRITE });
  const progress: WriteProgress[] = [];
  try {
    const started = performance.now();
    let written = 0;
    const run = async (text: string, rows: readonly unknown[]) => {
      await session.executeWrite((tx) => tx.run(text, { rows }));
      written += rows.length;
      progress.push({ atMs: performance.now() - started, written });
    };
    for (let start = 0; start < counts.nodes && !signal.aborted; start += batchSize) {
      const rows = range(start, Math.min(counts.nodes, start + batchSize)).map(nodeRow);
      await run(
        `UNWIND $rows AS row MERGE (n:${DIRECT_LABEL} {id: row.id}) SET n.name = row.name, n.score = row.score`,
        rows.map((row) => ({ ...row, score: neo4j.int(row.score) })),
      );
    }
    const nodesMs = performance.now() - started;
    for (let start = 0; start < counts.links && !signal.aborted; start += batchSize) {
      const rows = range(start, Math.min(counts.links, start + batchSize)).map((index) =>
        linkRow(index, counts.nodes),
      );
      await run(
        `UNWIND $rows AS row MATCH (a:${DIRECT_LABEL} {id: row.from}) MATCH (b:${DIRECT_LABEL} {id: row.to}) MERGE (a)-[:${RELATIONSHIP}]->(b)`,
        rows,
      );
    }
    return { nodesMs, linksMs: performance.now() - started - nodesMs, progress };
  } finally {
    await session.close();
  }
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, offset) => from + offset);
}
