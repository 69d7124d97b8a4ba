import { describe, expect, it } from 'vitest';
import { tck } from './tck-harness.js';

describe('TCK: root list fields', () => {
  it('projects only the selected properties', async () => {
    expect(await tck('{ people { id name } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id, name: this0.name } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('returns every scalar kind as stored', async () => {
    expect(await tck('{ people { age influence active aliases bornAt } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { age: this0.age, influence: this0.influence, active: this0.active, aliases: this0.aliases, bornAt: this0.bornAt } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('keys results by alias', async () => {
    expect(await tck('{ people { key: id fullName: name } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { key: this0.id, fullName: this0.name } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('selects the same field twice under two aliases', async () => {
    expect(await tck('{ people { a: name b: name } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { a: this0.name, b: this0.name } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('pages with limit', async () => {
    expect(await tck('{ people(limit: 5) { id } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(5)""
    `);
  });

  it('pages with offset and limit', async () => {
    expect(await tck('{ people(offset: 10, limit: 5) { id } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      SKIP $param0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(10)"
      $param1 = "int(5)""
    `);
  });

  it('caps an unbounded list one past the result limit', async () => {
    expect(await tck('{ organizations { name } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Organization)
      WITH this0
      LIMIT $param0
      RETURN { name: this0.name } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('sorts ascending', async () => {
    expect(await tck('{ people(sort: [{ name: ASC }]) { name } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      ORDER BY this0.name ASC
      LIMIT $param0
      RETURN { name: this0.name } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('sorts descending by a field that is not selected', async () => {
    expect(await tck('{ people(sort: [{ age: DESC }]) { name } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      ORDER BY this0.age DESC
      LIMIT $param0
      RETURN { name: this0.name } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('sorts by several keys in list order', async () => {
    expect(await tck('{ events(sort: [{ startsAt: DESC }, { name: ASC }], limit: 3) { name } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Event)
      WITH this0
      ORDER BY this0.startsAt DESC, this0.name ASC
      LIMIT $param0
      RETURN { name: this0.name } AS result
      ---
      $param0 = "int(3)""
    `);
  });

  it('sorts by a BigInt', async () => {
    expect(await tck('{ organizations(sort: [{ revenue: DESC }]) { name } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Organization)
      WITH this0
      ORDER BY this0.revenue DESC
      LIMIT $param0
      RETURN { name: this0.name } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('sorts by a DateTime', async () => {
    expect(await tck('{ documents(sort: [{ publishedAt: ASC }]) { title } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WITH this0
      ORDER BY this0.publishedAt ASC
      LIMIT $param0
      RETURN { title: this0.title } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('takes arguments from variables', async () => {
    expect(
      await tck('query ($n: Int, $o: Int) { topics(limit: $n, offset: $o) { name } }', {
        variables: { n: 2, o: 4 },
      }),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Topic)
      WITH this0
      SKIP $param0
      LIMIT $param1
      RETURN { name: this0.name } AS result
      ---
      $param0 = "int(4)"
      $param1 = "int(2)""
    `);
  });

  it('drops fields under @skip(if: true)', async () => {
    expect(
      await tck('query ($s: Boolean!) { people { id name @skip(if: $s) } }', {
        variables: { s: true },
      }),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('keeps fields under @include(if: true) and drops @include(if: false)', async () => {
    expect(await tck('{ people { id name @include(if: true) age @include(if: false) } }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id, name: this0.name } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('expands named fragments', async () => {
    expect(await tck('{ people { ...Basics } } fragment Basics on Person { id name }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id, name: this0.name } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('expands inline fragments, with and without a type condition', async () => {
    expect(await tck('{ people { ... on Person { id } ... { name } } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id, name: this0.name } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('expands fragments on an interface the type implements', async () => {
    expect(await tck('{ topics { ...Named } } fragment Named on Entity { id name }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Topic)
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id, name: this0.name } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('merges a field selected in a fragment and directly', async () => {
    expect(await tck('{ people { name ...N } } fragment N on Person { name email }'))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { name: this0.name, email: this0.email } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('needs no data for __typename of an object type', async () => {
    expect(await tck('{ people { __typename id } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('compiles each root field of an operation into its own statement', async () => {
    // Two root fields are two statements; each is checked by the dialect guard.
    const { translateAll } = await import('./tck-harness.js');
    const statements = await translateAll('{ people { id } topics { id } }');
    expect(statements.map((statement) => statement.cypher.split('\n')[0])).toEqual([
      'MATCH (this0:`Person`)',
      'MATCH (this0:`Topic`)',
    ]);
  });
});
