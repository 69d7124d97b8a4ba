import { describe, expect, it } from 'vitest';
import { tck, tckSchema } from './tck-harness.js';

const where = (filter: string, type = 'people', fields = 'id'): string =>
  `{ ${type}(where: ${filter}) { ${fields} } }`;

describe('TCK: scalar filters', () => {
  it('String eq', async () => {
    expect(await tck(where('{ name: { eq: "Ada" } }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE this0.name = $param0
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "Ada"
      $param1 = "int(1001)""
    `);
  });

  it('ID in', async () => {
    expect(await tck(where('{ id: { in: ["p1", "p2"] } }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE this0.id IN $param0
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = ["p1","p2"]
      $param1 = "int(1001)""
    `);
  });

  it('Int comparisons together', async () => {
    expect(await tck(where('{ age: { gte: 18, lt: 65 } }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE (this0.age < $param0 AND this0.age >= $param1)
      WITH this0
      LIMIT $param2
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(65)"
      $param1 = "int(18)"
      $param2 = "int(1001)""
    `);
  });

  it('Int gt and lte', async () => {
    expect(await tck(where('{ age: { gt: 18, lte: 30 } }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE (this0.age <= $param0 AND this0.age > $param1)
      WITH this0
      LIMIT $param2
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(30)"
      $param1 = "int(18)"
      $param2 = "int(1001)""
    `);
  });

  it('Float comparison keeps the value a float', async () => {
    expect(await tck(where('{ influence: { gt: 0.5 } }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE this0.influence > $param0
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = 0.5
      $param1 = "int(1001)""
    `);
  });

  it('Int in sends integers', async () => {
    expect(await tck(where('{ age: { in: [30, 40] } }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE this0.age IN $param0
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = ["int(30)","int(40)"]
      $param1 = "int(1001)""
    `);
  });

  it('Boolean eq', async () => {
    expect(await tck(where('{ active: { eq: true } }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE this0.active = $param0
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = true
      $param1 = "int(1001)""
    `);
  });

  it('DateTime comparison sends a Bolt DateTime with its offset', async () => {
    expect(await tck(where('{ bornAt: { lt: "1990-01-01T00:00:00.123456789+02:00" } }')))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE this0.bornAt < $param0
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "datetime(1990-01-01T00:00:00.123456789+02:00)"
      $param1 = "int(1001)""
    `);
  });

  it('BigInt comparison sends a 64-bit integer without loss', async () => {
    expect(await tck(where('{ revenue: { gt: "9007199254740993" } }', 'organizations')))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Organization)
      WHERE this0.revenue > $param0
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(9007199254740993)"
      $param1 = "int(1001)""
    `);
  });

  it('contains', async () => {
    expect(await tck(where('{ name: { contains: "da" } }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE this0.name CONTAINS $param0
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "da"
      $param1 = "int(1001)""
    `);
  });

  it('startsWith and endsWith', async () => {
    expect(await tck(where('{ name: { startsWith: "A", endsWith: "a" } }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE (this0.name STARTS WITH $param0 AND this0.name ENDS WITH $param1)
      WITH this0
      LIMIT $param2
      RETURN { id: this0.id } AS result
      ---
      $param0 = "A"
      $param1 = "a"
      $param2 = "int(1001)""
    `);
  });

  it('String range comparison', async () => {
    expect(await tck(where('{ name: { gte: "M" } }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE this0.name >= $param0
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "M"
      $param1 = "int(1001)""
    `);
  });

  it('ID startsWith', async () => {
    expect(await tck(where('{ id: { startsWith: "doc-" } }', 'documents'))).toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WHERE this0.id STARTS WITH $param0
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "doc-"
      $param1 = "int(1001)""
    `);
  });

  it('regular expression match when enabled', async () => {
    const schema = tckSchema(undefined, { regexFilters: true });
    expect(await tck(where('{ email: { matches: ".*@example\\\\.com" } }'), { schema }))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE this0.email =~ $param0
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = ".*@example\\\\.com"
      $param1 = "int(1001)""
    `);
  });

  it('regular expression match is refused when disabled', async () => {
    await expect(tck(where('{ email: { matches: ".*" } }'))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('regular expression filters are disabled'),
    });
  });

  it('isNull true', async () => {
    expect(await tck(where('{ email: { isNull: true } }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE this0.email IS NULL
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('isNull false', async () => {
    expect(await tck(where('{ email: { isNull: false } }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE this0.email IS NOT NULL
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('eq null means the value is missing', async () => {
    expect(await tck(where('{ email: { eq: null } }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE this0.email IS NULL
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('a null comparison value is refused', async () => {
    await expect(tck(where('{ age: { gt: null } }'))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('field-level not', async () => {
    expect(await tck(where('{ name: { not: { eq: "Ada" } } }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE NOT this0.name = $param0
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "Ada"
      $param1 = "int(1001)""
    `);
  });

  it('field-level not of several conditions', async () => {
    expect(await tck(where('{ age: { not: { gte: 18, lte: 30 } } }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE NOT (this0.age <= $param0 AND this0.age >= $param1)
      WITH this0
      LIMIT $param2
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(30)"
      $param1 = "int(18)"
      $param2 = "int(1001)""
    `);
  });

  it('list includes', async () => {
    expect(await tck(where('{ aliases: { includes: "Countess" } }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE $param0 IN this0.aliases
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "Countess"
      $param1 = "int(1001)""
    `);
  });

  it('list eq', async () => {
    expect(await tck(where('{ tags: { eq: ["a", "b"] } }', 'documents'))).toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WHERE this0.tags = $param0
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = ["a","b"]
      $param1 = "int(1001)""
    `);
  });

  it('list isEmpty true and false', async () => {
    expect(
      await tck(
        where('{ tags: { isEmpty: true }, OR: [{ tags: { isEmpty: false } }] }', 'documents'),
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Document)
      WHERE (size(this0.tags) > 0 AND size(this0.tags) = 0)
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('conditions on several fields all hold', async () => {
    expect(await tck(where('{ name: { eq: "Ada" }, age: { gt: 30 }, active: { eq: true } }')))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE (this0.name = $param0 AND this0.age > $param1 AND this0.active = $param2)
      WITH this0
      LIMIT $param3
      RETURN { id: this0.id } AS result
      ---
      $param0 = "Ada"
      $param1 = "int(30)"
      $param2 = true
      $param3 = "int(1001)""
    `);
  });

  it('AND of objects', async () => {
    expect(await tck(where('{ AND: [{ age: { gt: 30 } }, { name: { startsWith: "A" } }] }')))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE (this0.age > $param0 AND this0.name STARTS WITH $param1)
      WITH this0
      LIMIT $param2
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(30)"
      $param1 = "A"
      $param2 = "int(1001)""
    `);
  });

  it('OR of objects', async () => {
    expect(await tck(where('{ OR: [{ age: { lt: 18 } }, { age: { gt: 65 } }] }')))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE (this0.age < $param0 OR this0.age > $param1)
      WITH this0
      LIMIT $param2
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(18)"
      $param1 = "int(65)"
      $param2 = "int(1001)""
    `);
  });

  it('NOT of an object', async () => {
    expect(await tck(where('{ NOT: { name: { eq: "Ada" } } }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE NOT this0.name = $param0
      WITH this0
      LIMIT $param1
      RETURN { id: this0.id } AS result
      ---
      $param0 = "Ada"
      $param1 = "int(1001)""
    `);
  });

  it('nested AND / OR / NOT', async () => {
    expect(
      await tck(
        where(
          '{ OR: [{ AND: [{ age: { gt: 30 } }, { NOT: { active: { eq: false } } }] }, { email: { endsWith: "@memgraph.com" } }] }',
        ),
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE ((this0.age > $param0 AND NOT this0.active = $param1) OR this0.email ENDS WITH $param2)
      WITH this0
      LIMIT $param3
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(30)"
      $param1 = false
      $param2 = "@memgraph.com"
      $param3 = "int(1001)""
    `);
  });

  it('an empty OR matches nothing', async () => {
    expect(await tck(where('{ OR: [] }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE false
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('an empty where matches everything', async () => {
    expect(await tck(where('{}'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('an OR branch without conditions matches everything', async () => {
    expect(await tck(where('{ OR: [{}, { age: { gt: 1 } }] }'))).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      RETURN { id: this0.id } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('filters with variables', async () => {
    expect(
      await tck('query ($w: PersonWhere) { people(where: $w) { id } }', {
        variables: { w: { name: { in: ['Ada', 'Alan'] }, age: { gte: 20 } } },
      }),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WHERE (this0.name IN $param0 AND this0.age >= $param1)
      WITH this0
      LIMIT $param2
      RETURN { id: this0.id } AS result
      ---
      $param0 = ["Ada","Alan"]
      $param1 = "int(20)"
      $param2 = "int(1001)""
    `);
  });

  it('filters on an aliased property use the stored name', async () => {
    const schema = tckSchema(
      'type Item @node { id: ID! @id  title: String @alias(property: "t") }',
    );
    expect(await tck('{ items(where: { title: { eq: "x" } }) { title } }', { schema }))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Item)
      WHERE this0.t = $param0
      WITH this0
      LIMIT $param1
      RETURN { title: this0.t } AS result
      ---
      $param0 = "x"
      $param1 = "int(1001)""
    `);
  });

  it('filter and sort together', async () => {
    expect(
      await tck(
        '{ events(where: { online: { eq: true } }, sort: [{ startsAt: ASC }], limit: 10) { name } }',
      ),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Event)
      WHERE this0.online = $param0
      WITH this0
      ORDER BY this0.startsAt ASC
      LIMIT $param1
      RETURN { name: this0.name } AS result
      ---
      $param0 = true
      $param1 = "int(10)""
    `);
  });
});
