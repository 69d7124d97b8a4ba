import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { createServiceMetrics } from './service-metrics.js';
import {
  parseByteSize,
  parseNeo4jStats,
  parseStorageInfo,
  readEngineStats,
} from './engine-stats.js';

/** What `SHOW STORAGE INFO` returns on Memgraph 3.x (values as Memgraph prints them). */
const MEMGRAPH_ROWS = [
  { 'storage info': 'name', value: 'memgraph' },
  { 'storage info': 'vertex_count', value: neo4j.int(1200) },
  { 'storage info': 'edge_count', value: neo4j.int(3400) },
  { 'storage info': 'average_degree', value: 5.67 },
  { 'storage info': 'vm_max_map_count', value: neo4j.int(262144) },
  { 'storage info': 'memory_res', value: '43.16MiB' },
  { 'storage info': 'peak_memory_res', value: '50.00MiB' },
  { 'storage info': 'unreleased_delta_objects', value: neo4j.int(0) },
  { 'storage info': 'disk_usage', value: '104.46KiB' },
  { 'storage info': 'memory_tracked', value: '8.52MiB' },
  { 'storage info': 'allocation_limit', value: '2.00GiB' },
  { 'storage info': 'global_isolation_level', value: 'SNAPSHOT_ISOLATION' },
  { 'storage info': 'storage_mode', value: 'IN_MEMORY_TRANSACTIONAL' },
];

describe('engine storage figures', () => {
  it('parses the sizes Memgraph prints for people', () => {
    expect(parseByteSize('43.16MiB')).toBe(Math.round(43.16 * 1024 ** 2));
    expect(parseByteSize('2.00GiB')).toBe(2 * 1024 ** 3);
    expect(parseByteSize('0B')).toBe(0);
    expect(parseByteSize('1024')).toBe(1024);
    expect(parseByteSize('unlimited')).toBeUndefined();
  });

  it('reads SHOW STORAGE INFO rows into figures', () => {
    expect(parseStorageInfo(MEMGRAPH_ROWS)).toEqual({
      memoryResidentBytes: Math.round(43.16 * 1024 ** 2),
      memoryPeakBytes: 50 * 1024 ** 2,
      memoryTrackedBytes: Math.round(8.52 * 1024 ** 2),
      memoryLimitBytes: 2 * 1024 ** 3,
      diskUsageBytes: Math.round(104.46 * 1024),
      nodes: 1200,
      relationships: 3400,
    });
  });

  it('reads the Neo4j stand-in figures from the JVM heap and the count store', () => {
    expect(
      parseNeo4jStats(
        { used: neo4j.int(1000), max: neo4j.int(4000), committed: 2000 },
        {
          nodes: neo4j.int(3),
          relationships: neo4j.int(2),
        },
      ),
    ).toEqual({ memoryResidentBytes: 1000, memoryLimitBytes: 4000, nodes: 3, relationships: 2 });
  });

  it('sets the engine gauges, marked with the engine they came from', async () => {
    const metrics = createServiceMetrics({ service: 'query', defaultMetrics: false });
    const asked: string[] = [];
    const stats = await readEngineStats('memgraph', (text) => {
      asked.push(text);
      return Promise.resolve(MEMGRAPH_ROWS);
    });
    metrics.engine.record('memgraph', stats);
    expect(asked).toEqual(['SHOW STORAGE INFO']);
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'memgate_engine_memory_limit_bytes{engine="memgraph",service="query"} 2147483648',
    );
    expect(text).toContain('memgate_engine_nodes{engine="memgraph",service="query"} 1200');
  });
});
