import { describe, expect, it } from 'vitest';
import { tck } from './tck-harness.js';

describe('TCK: aggregations', () => {
  it('counts nodes', async () => {
    expect(await tck('{ peopleAggregate { count } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH count(this0) AS var0
      RETURN { count: var0 } AS result"
    `);
  });

  it('counts filtered nodes', async () => {
    expect(await tck('{ peopleAggregate(where: { active: { eq: true } }) { count } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE this0.active = $param0
      WITH count(this0) AS var0
      RETURN { count: var0 } AS result
      ---
      $param0 = true"
    `);
  });

  it('min, max, avg and sum of an Int', async () => {
    expect(await tck('{ peopleAggregate { node { age { min max avg sum } } } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH min(this0.age) AS var0, max(this0.age) AS var1, avg(this0.age) AS var2, sum(this0.age) AS var3
      RETURN { node: { age: { min: var0, max: var1, avg: var2, sum: var3 } } } AS result"
    `);
  });

  it('Float aggregates', async () => {
    expect(await tck('{ documentsAggregate { node { sentiment { avg min } } } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WITH avg(this0.sentiment) AS var0, min(this0.sentiment) AS var1
      RETURN { node: { sentiment: { avg: var0, min: var1 } } } AS result"
    `);
  });

  it('BigInt sum', async () => {
    expect(await tck('{ organizationsAggregate { node { revenue { sum max } } } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Organization)
      WITH sum(this0.revenue) AS var0, max(this0.revenue) AS var1
      RETURN { node: { revenue: { sum: var0, max: var1 } } } AS result"
    `);
  });

  it('DateTime min and max', async () => {
    expect(await tck('{ eventsAggregate { node { startsAt { min max } } } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Event)
      WITH min(this0.startsAt) AS var0, max(this0.startsAt) AS var1
      RETURN { node: { startsAt: { min: var0, max: var1 } } } AS result"
    `);
  });

  it('shortest and longest String', async () => {
    expect(await tck('{ topicsAggregate { node { name { shortest longest } } } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Topic)
      WITH reduce(best = null, candidate IN collect(this0.name) | CASE WHEN best IS NULL OR size(candidate) < size(best) THEN candidate ELSE best END) AS var0, reduce(best = null, candidate IN collect(this0.name) | CASE WHEN best IS NULL OR size(candidate) > size(best) THEN candidate ELSE best END) AS var1
      RETURN { node: { name: { shortest: var0, longest: var1 } } } AS result"
    `);
  });

  it('aliases inside an aggregate', async () => {
    expect(await tck('{ peopleAggregate { n: count node { a: age { lo: min hi: max } } } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH count(this0) AS var0, min(this0.age) AS var1, max(this0.age) AS var2
      RETURN { n: var0, node: { a: { lo: var1, hi: var2 } } } AS result"
    `);
  });

  it('count on a relationship', async () => {
    expect(await tck('{ people { name knowsAggregate { count } } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        MATCH (this0)-[edge0:KNOWS]->(this1:Person)
        WITH count(this1) AS var0
        RETURN { count: var0 } AS var1
      }
      RETURN { name: this0.name, knowsAggregate: var1 } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('node and relationship-property aggregates on a relationship', async () => {
    expect(
      await tck(
        '{ people { knowsAggregate(where: { active: { eq: true } }) { count node { age { avg } } properties { strength { max } } } } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        MATCH (this0)-[edge0:KNOWS]->(this1:Person)
        WHERE this1.active = $param1
        WITH count(this1) AS var0, avg(this1.age) AS var1, max(edge0.strength) AS var2
        RETURN { count: var0, node: { age: { avg: var1 } }, properties: { strength: { max: var2 } } } AS var3
      }
      RETURN { knowsAggregate: var3 } AS result
      ---
      $param0 = "int(1001)"
      $param1 = true"
    `);
  });

  it('aggregate over an interface target', async () => {
    expect(await tck('{ documents { mentionsAggregate { count } } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        MATCH (this0)-[edge0:MENTIONS]->(this1)
        WHERE (this1:Person OR this1:Organization OR this1:Topic)
        WITH count(this1) AS var0
        RETURN { count: var0 } AS var1
      }
      RETURN { mentionsAggregate: var1 } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('aggregates next to a nested list', async () => {
    expect(
      await tck('{ organizations { employeesAggregate { count } employees(limit: 3) { name } } }'),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Organization)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        MATCH (this0)<-[edge0:WORKS_AT]-(this1:Person)
        WITH count(this1) AS var0
        RETURN { count: var0 } AS var1
      }
      RETURN { employeesAggregate: var1, employees: [(this0)<-[edge1:WORKS_AT]-(this2:Person) | { name: this2.name }][..$param1] } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(3)""
    `);
  });
});
