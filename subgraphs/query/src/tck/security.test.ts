import { describe, expect, it } from 'vitest';
import { tckSchema, translateAll } from './tck-harness.js';

const HOSTILE = 'x\' }) MATCH (n) DETACH DELETE n // `"';

describe('TCK: injection and escaping', () => {
  it('hostile strings in every kind of argument stay parameters', async () => {
    const [statement] = await translateAll(
      `query ($h: String!, $i: ID!) {
        people(where: { name: { eq: $h }, email: { contains: $h }, aliases: { includes: $h }, OR: [{ id: { in: [$i] } }],
                        knows: { some: { name: { startsWith: $h } } } }) {
          name knows(where: { name: { endsWith: $h } }) { name }
        }
      }`,
      { variables: { h: HOSTILE, i: HOSTILE } },
    );
    expect(statement?.cypher).not.toContain('DETACH DELETE');
    expect(statement?.cypher).not.toContain(HOSTILE);
    const values = Object.values(statement?.params ?? {}).flat();
    expect(values.filter((value) => value === HOSTILE)).toHaveLength(6);
  });

  it('labels, relationship types and property names are backtick-quoted, backticks doubled', async () => {
    const schema = tckSchema(`
      type Weird @node(labels: ["Order"]) {
        id: ID! @id
        match: String @alias(property: "MATCH")
        next: [Weird!]! @relationship(type: "RETURN", direction: OUT)
      }
    `);
    const [statement] = await translateAll(
      '{ weirds(where: { match: { eq: "x" } }) { match next { id } } }',
      { schema },
    );
    expect(statement?.cypher).toContain('MATCH (this0:`Order`)');
    expect(statement?.cypher).toContain('this0.`MATCH` = $param0');
    expect(statement?.cypher).toContain('-[edge0:`RETURN`]->(this1:`Order`)');
  });

  it('a sort element naming two fields is bad input', async () => {
    await expect(
      translateAll('{ people(sort: [{ name: ASC, age: DESC }]) { id } }'),
    ).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('exactly one field'),
    });
  });

  it('a negative limit is bad input', async () => {
    await expect(translateAll('{ people(limit: -1) { id } }')).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'limit must be a whole number ≥ 0, got -1.',
    });
  });

  it('a negative offset on a nested list is bad input', async () => {
    await expect(translateAll('{ people { knows(offset: -5) { id } } }')).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('a malformed DateTime filter is bad input', async () => {
    await expect(
      translateAll('{ events(where: { startsAt: { gt: "tomorrow" } }) { id } }'),
    ).rejects.toThrow(/ISO-8601/);
  });
});
