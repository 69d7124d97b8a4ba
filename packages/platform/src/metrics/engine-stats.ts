/**
 * What the engine reports about its memory and storage, in bytes and counts.
 * The queries and parsers live here so that each service polls the same way;
 * running them is left to the caller (it owns the Bolt driver).
 */
export interface EngineStats {
  memoryResidentBytes: number;
  memoryPeakBytes: number;
  memoryTrackedBytes: number;
  memoryLimitBytes: number;
  diskUsageBytes: number;
  nodes: number;
  relationships: number;
}

export type EngineName = 'memgraph' | 'neo4j';

/** Runs one statement in its own auto-commit transaction and returns rows as plain objects. */
export type RunStatsQuery = (text: string) => Promise<Record<string, unknown>[]>;

/**
 * Memgraph: one info query. It must run in an auto-commit transaction:
 * Memgraph refuses info queries inside explicit (managed) transactions.
 */
export const MEMGRAPH_STORAGE_INFO = 'SHOW STORAGE INFO';

/**
 * Neo4j Community, the local stand-in: the JVM heap from JMX stands in for
 * Memgraph's process memory, and the count store answers both counts
 * without scanning.
 */
export const NEO4J_STATS_QUERIES = {
  heap: "CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes RETURN attributes.HeapMemoryUsage.value.properties AS heap",
  counts:
    'CALL { MATCH (n) RETURN count(n) AS nodes } CALL { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
} as const;

const UNITS: Readonly<Record<string, number>> = {
  B: 1,
  KIB: 1024,
  MIB: 1024 ** 2,
  GIB: 1024 ** 3,
  TIB: 1024 ** 4,
  KB: 1000,
  MB: 1000 ** 2,
  GB: 1000 ** 3,
  TB: 1000 ** 4,
};

/**
 * Memgraph prints sizes for people ("43.16MiB", "1.00GiB", "0B"); older
 * releases print plain byte counts. Returns undefined for what is neither.
 */
export function parseByteSize(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'string') return toNumber(value);
  const match = /^\s*([\d.]+)\s*([KMGT]i?B|B)?\s*$/i.exec(value);
  if (!match?.[1]) return undefined;
  const unit = UNITS[(match[2] ?? 'B').toUpperCase()];
  return unit === undefined ? undefined : Math.round(Number(match[1]) * unit);
}

/** Bolt integers arrive as driver Integer objects (with toNumber) or plain numbers. */
function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) {
    return Number(value);
  }
  const maybe = value as { toNumber?: () => number } | null | undefined;
  return typeof maybe?.toNumber === 'function' ? maybe.toNumber() : undefined;
}

/** `SHOW STORAGE INFO` rows: `{storage info, value}` pairs (the key column's name varies by release). */
export function parseStorageInfo(rows: readonly Record<string, unknown>[]): Partial<EngineStats> {
  const info = new Map<string, unknown>();
  for (const row of rows) {
    const [key, value] = Object.values(row);
    if (typeof key === 'string') info.set(key, value);
  }
  const stats: Partial<EngineStats> = {
    // `memory_usage` before Memgraph 2.10, `memory_res` since.
    memoryResidentBytes: parseByteSize(info.get('memory_res') ?? info.get('memory_usage')),
    memoryPeakBytes: parseByteSize(info.get('peak_memory_res')),
    memoryTrackedBytes: parseByteSize(info.get('memory_tracked')),
    memoryLimitBytes: parseByteSize(info.get('allocation_limit')),
    diskUsageBytes: parseByteSize(info.get('disk_usage')),
    nodes: toNumber(info.get('vertex_count')),
    relationships: toNumber(info.get('edge_count')),
  };
  return withoutUndefined(stats);
}

/** The stand-in's heap map (`{used, max, …}`) and count row. */
export function parseNeo4jStats(
  heap: Record<string, unknown> | undefined,
  counts: Record<string, unknown> | undefined,
): Partial<EngineStats> {
  return withoutUndefined({
    memoryResidentBytes: toNumber(heap?.['used']),
    memoryLimitBytes: toNumber(heap?.['max']),
    nodes: toNumber(counts?.['nodes']),
    relationships: toNumber(counts?.['relationships']),
  });
}

/** Reads the figures of `engine` with `run`. */
export async function readEngineStats(
  engine: EngineName,
  run: RunStatsQuery,
): Promise<Partial<EngineStats>> {
  if (engine === 'memgraph') return parseStorageInfo(await run(MEMGRAPH_STORAGE_INFO));
  const [heapRows, countRows] = await Promise.all([
    run(NEO4J_STATS_QUERIES.heap),
    run(NEO4J_STATS_QUERIES.counts),
  ]);
  return parseNeo4jStats(
    heapRows[0]?.['heap'] as Record<string, unknown> | undefined,
    countRows[0],
  );
}

function withoutUndefined(stats: Partial<EngineStats>): Partial<EngineStats> {
  const kept: Partial<EngineStats> = {};
  for (const key of Object.keys(stats) as (keyof EngineStats)[]) {
    const value = stats[key];
    if (value !== undefined) kept[key] = value;
  }
  return kept;
}
