import { readdir, readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { dashboardQueries, panelTitles } from '../support/grafana.js';
import { parsePromql, withGrafanaVariables } from '../support/promql.js';
import { PROMETHEUS_SERIES, scrapeTexts, seriesNames } from '../support/scrape.js';

const root = new URL('../../', import.meta.url);
const DASHBOARDS = new URL('deploy/grafana/dashboards/', root);
const RULES = new URL('deploy/prometheus/rules/', root);

interface RuleFile {
  groups: { name: string; rules: { alert?: string; record?: string; expr: string }[] }[];
}

let known: Map<string, string>;
const dashboards: { file: string; json: Parameters<typeof dashboardQueries>[0] }[] = [];
const rules: { file: string; alert: string; expr: string }[] = [];

beforeAll(async () => {
  known = seriesNames(await scrapeTexts());
  for (const file of (await readdir(DASHBOARDS)).filter((f) => f.endsWith('.json'))) {
    dashboards.push({ file, json: JSON.parse(await readFile(new URL(file, DASHBOARDS), 'utf8')) });
  }
  for (const file of (await readdir(RULES)).filter((f) => /\.ya?ml$/.test(f))) {
    const parsed = parseYaml(await readFile(new URL(file, RULES), 'utf8')) as RuleFile;
    for (const group of parsed.groups) {
      for (const rule of group.rules) {
        rules.push({ file, alert: rule.alert ?? rule.record ?? '?', expr: rule.expr });
      }
    }
  }
});

/** `where: metric` for every name the expressions use that no scrape defines, and every syntax error. */
function problems(queries: { where: string; expr: string }[]): string[] {
  const found: string[] = [];
  for (const { where, expr } of queries) {
    const parsed = parsePromql(withGrafanaVariables(expr));
    if (parsed.errors.length > 0)
      found.push(`${where}: syntax error at ${parsed.errors[0]} in ${expr}`);
    for (const metric of parsed.metrics) {
      if (!known.has(metric) && !PROMETHEUS_SERIES.has(metric)) found.push(`${where}: ${metric}`);
    }
  }
  return found;
}

describe('Grafana dashboards', () => {
  it('name only metrics that the services export, in valid PromQL', () => {
    const queries = dashboards.flatMap(({ file, json }) =>
      dashboardQueries(json).map((q) => ({ where: `${file} "${q.panel}"`, expr: q.expr })),
    );
    expect(queries.length).toBeGreaterThan(20);
    expect(problems(queries)).toEqual([]);
  });

  it('have a panel for every Memgate metric family', () => {
    const used = new Set(
      dashboards.flatMap(({ json }) =>
        dashboardQueries(json).flatMap((q) => parsePromql(withGrafanaVariables(q.expr)).metrics),
      ),
    );
    const families = [...known].filter(
      ([name, type]) =>
        name.startsWith('memgate_') &&
        !((type === 'histogram' || type === 'summary') && /_(bucket|sum|count)$/.test(name)),
    );
    expect(families.length).toBeGreaterThanOrEqual(18);
    const shown = (family: string): boolean =>
      used.has(family) || ['_bucket', '_sum', '_count'].some((s) => used.has(`${family}${s}`));
    expect(families.map(([name]) => name).filter((name) => !shown(name))).toEqual([]);
  });

  it('give every panel a title and a description', () => {
    for (const { json } of dashboards) {
      expect(panelTitles(json).every((title) => title !== '?')).toBe(true);
    }
  });
});

describe('Prometheus alert rules', () => {
  it('name only metrics that the services export, in valid PromQL', () => {
    expect(problems(rules.map((r) => ({ where: `${r.file} ${r.alert}`, expr: r.expr })))).toEqual(
      [],
    );
  });

  it('cover consumer lag, dead letters, error rate, open circuits and Memgraph memory', () => {
    const metricsOf = (alert: string): string[] =>
      parsePromql(rules.find((r) => r.alert === alert)?.expr ?? '').metrics;
    expect(metricsOf('MemgateConsumerLagHigh')).toContain('memgate_kafka_consumer_lag_messages');
    expect(metricsOf('MemgateDeadLetterGrowth')).toContain(
      'memgate_kafka_dead_letter_messages_total',
    );
    expect(metricsOf('MemgateGraphqlErrorRateHigh')).toContain('memgate_graphql_operations_total');
    expect(metricsOf('MemgateCircuitOpen')).toContain('memgate_circuit_breaker_state');
    expect(metricsOf('MemgraphMemoryNearLimit')).toEqual([
      'memgate_engine_memory_tracked_bytes',
      'memgate_engine_memory_limit_bytes',
    ]);
  });
});
