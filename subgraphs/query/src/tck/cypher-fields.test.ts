import { describe, expect, it } from 'vitest';
import { tck, tckSchema } from './tck-harness.js';

const COMPUTED = /* GraphQL */ `
  type Person @node {
    id: ID! @id
    name: String
    friends: [Person!]! @relationship(type: "KNOWS", direction: OUT)
    friendCount: Int
      @cypher(statement: "MATCH (this)-[:KNOWS]->(f:Person) RETURN count(f) AS c", columnName: "c")
    friendNames: [String!]
      @cypher(statement: "MATCH (this)-[:KNOWS]->(f:Person) RETURN f.name AS n", columnName: "n")
    closest: Person
      @cypher(
        statement: "MATCH (this)-[:KNOWS]->(f:Person) RETURN f ORDER BY f.name LIMIT 1"
        columnName: "f"
      )
    suggestions: [Person!]
      @cypher(
        statement: "MATCH (this)-[:KNOWS]->(:Person)-[:KNOWS]->(s:Person) WHERE s <> this RETURN DISTINCT s AS s"
        columnName: "s"
      )
  }
`;

describe('TCK: @cypher fields', () => {
  it('a scalar @cypher field of the example domain', async () => {
    expect(await tck('{ people { name acquaintanceCount } }')).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        CALL {
          WITH this0
          WITH this0 AS this
          MATCH (this)-[:KNOWS]->(other:Person) RETURN count(other) AS acquaintanceCount
        }
        RETURN head(collect(acquaintanceCount)) AS var0
      }
      RETURN { name: this0.name, acquaintanceCount: var0 } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('a list of scalars', async () => {
    expect(await tck('{ people { friendNames } }', { schema: tckSchema(COMPUTED) }))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        CALL {
          WITH this0
          WITH this0 AS this
          MATCH (this)-[:KNOWS]->(f:Person) RETURN f.name AS n
        }
        RETURN collect(n) AS var0
      }
      RETURN { friendNames: var0 } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('a single node, projected like any node', async () => {
    expect(await tck('{ people { closest { name } } }', { schema: tckSchema(COMPUTED) }))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        CALL {
          WITH this0
          WITH this0 AS this
          MATCH (this)-[:KNOWS]->(f:Person) RETURN f ORDER BY f.name LIMIT 1
        }
        RETURN head(collect({ name: f.name })) AS var0
      }
      RETURN { closest: var0 } AS result
      ---
      $param0 = "int(1001)""
    `);
  });

  it('a list of nodes with a nested relationship', async () => {
    expect(
      await tck('{ people { suggestions { name friends { name } } } }', {
        schema: tckSchema(COMPUTED),
      }),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        CALL {
          WITH this0
          WITH this0 AS this
          MATCH (this)-[:KNOWS]->(:Person)-[:KNOWS]->(s:Person) WHERE s <> this RETURN DISTINCT s AS s
        }
        RETURN collect({ name: s.name, friends: [(s)-[edge0:KNOWS]->(this1:Person) | { name: this1.name }][..$param1] }) AS var0
      }
      RETURN { suggestions: var0 } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(1001)""
    `);
  });

  it('@cypher fields inside a relationship', async () => {
    expect(await tck('{ people { friends { friendCount } } }', { schema: tckSchema(COMPUTED) }))
      .toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        MATCH (this0)-[edge0:KNOWS]->(this1:Person)
        WITH edge0, this1
        LIMIT $param1
        CALL {
          WITH this1
          CALL {
            WITH this1
            WITH this1 AS this
            MATCH (this)-[:KNOWS]->(f:Person) RETURN count(f) AS c
          }
          RETURN head(collect(c)) AS var0
        }
        RETURN collect({ friendCount: var0 }) AS var1
      }
      RETURN { friends: var1 } AS result
      ---
      $param0 = "int(1001)"
      $param1 = "int(1001)""
    `);
  });

  it('two @cypher fields with the same column name stay apart', async () => {
    expect(
      await tck('{ people { a: friendCount b: friendCount } }', { schema: tckSchema(COMPUTED) }),
    ).toMatchInlineSnapshot(`
      "MATCH (this0:Person)
      WITH this0
      LIMIT $param0
      CALL {
        WITH this0
        CALL {
          WITH this0
          WITH this0 AS this
          MATCH (this)-[:KNOWS]->(f:Person) RETURN count(f) AS c
        }
        RETURN head(collect(c)) AS var0
      }
      CALL {
        WITH this0
        CALL {
          WITH this0
          WITH this0 AS this
          MATCH (this)-[:KNOWS]->(f:Person) RETURN count(f) AS c
        }
        RETURN head(collect(c)) AS var1
      }
      RETURN { a: var0, b: var1 } AS result
      ---
      $param0 = "int(1001)""
    `);
  });
});
