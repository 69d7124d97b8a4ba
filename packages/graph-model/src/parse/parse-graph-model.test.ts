import { describe, expect, it } from 'vitest';
import { GraphModelError } from './graph-model-error.js';
import { parseGraphModel } from './parse-graph-model.js';

function problemsOf(sdl: string): readonly string[] {
  try {
    parseGraphModel(sdl);
  } catch (error) {
    if (error instanceof GraphModelError) return error.problems;
    throw error;
  }
  throw new Error('expected the schema to be rejected');
}

const VALID = /* GraphQL */ `
  interface Named {
    name: String!
  }
  type Movie implements Named @node(labels: ["Movie", "Work"]) @key(fields: "id") {
    id: ID! @id
    name: String! @index
    released: DateTime
    rating: Float @alias(property: "r") @auth(requires: ["CRITIC", "ADMIN"])
    tags: [String!]
    actors: [Actor!]! @relationship(type: "ACTED_IN", direction: IN, properties: "Role")
    actorCount: Int
      @cypher(
        statement: "MATCH (this)<-[:ACTED_IN]-(a:Actor) RETURN count(a) AS n"
        columnName: "n"
      )
  }
  type Actor implements Named @node {
    code: ID! @id
    name: String! @unique
    movies: [Movie!]! @relationship(type: "ACTED_IN", direction: OUT, properties: "Role")
    likes: [Likeable!]! @relationship(type: "LIKES", direction: OUT)
  }
  union Likeable = Movie | Actor
  type Role @relationshipProperties {
    character: String @alias(property: "ch")
  }
`;

describe('parseGraphModel', () => {
  it('reads node types, labels, keys, fields and relationships', () => {
    const model = parseGraphModel(VALID);
    const movie = model.nodes.get('Movie');
    expect(movie).toMatchObject({ labels: ['Movie', 'Work'], plural: 'movies', keyFields: ['id'] });
    expect(movie?.fields.get('rating')).toMatchObject({
      kind: 'scalar',
      scalar: 'Float',
      property: 'r',
      authRequires: ['CRITIC', 'ADMIN'],
    });
    expect(movie?.fields.get('name')).toMatchObject({ authRequires: [] });
    expect(movie?.fields.get('tags')).toMatchObject({
      kind: 'scalar',
      list: true,
      required: false,
    });
    expect(movie?.fields.get('actors')).toMatchObject({
      kind: 'relationship',
      type: 'ACTED_IN',
      direction: 'IN',
      target: 'Actor',
      properties: 'Role',
      list: true,
    });
    expect(movie?.fields.get('actorCount')).toMatchObject({
      kind: 'cypher',
      columnName: 'n',
      returnsScalar: true,
    });
    // The @id field is the key when there is no @key.
    expect(model.nodes.get('Actor')).toMatchObject({ labels: ['Actor'], keyFields: ['code'] });
    expect(model.interfaces.get('Named')?.implementations).toEqual(['Movie', 'Actor']);
    expect(model.unions.get('Likeable')?.members).toEqual(['Movie', 'Actor']);
    expect(model.relationshipProperties.get('Role')?.fields.get('character')).toMatchObject({
      property: 'ch',
    });
  });

  it('names the field of an unknown relationship direction', () => {
    const problems = problemsOf(`
      type A @node { id: ID! @id  next: [A!]! @relationship(type: "NEXT", direction: SIDEWAYS) }
    `);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^A\.next: @relationship: .*SIDEWAYS.* The direction must be OUT or IN\.$/,
    );
  });

  it('requires a key on every node type', () => {
    expect(problemsOf('type A @node { name: String }')).toEqual([
      'A: a node type needs a key: add @key(fields: "id") or mark a field @id',
    ]);
  });

  it('rejects key fields that are missing, nullable or lists', () => {
    expect(problemsOf('type A @node @key(fields: "code") { id: ID! }')).toEqual([
      'A: key field "code" must be a scalar, non-list field of A',
    ]);
    expect(problemsOf('type A @node @key(fields: "id") { id: ID }')).toEqual([
      'A.id: a key field must be non-null (add !)',
    ]);
  });

  it('rejects @cypher statements outside the Memgraph subset, naming the construct', () => {
    const problems = problemsOf(`
      type A @node { id: ID! @id
        n: Int @cypher(statement: "RETURN COUNT { MATCH (this)-->() } AS n", columnName: "n")
      }
    `);
    expect(problems).toEqual([
      expect.stringMatching(
        /^A\.n: @cypher statement is outside the Memgraph subset \(count-subquery: "COUNT \{"\)/,
      ),
    ]);
  });

  it('rejects writing @cypher statements and ones that ignore this', () => {
    const problems = problemsOf(`
      type A @node { id: ID! @id
        n: Int @cypher(statement: "MATCH (x:A) SET x.seen = true RETURN 1 AS n", columnName: "n")
      }
    `);
    expect(problems).toEqual([
      'A.n: @cypher statement must use `this`, the node the field belongs to',
      'A.n: @cypher statement must be read-only (no CREATE, MERGE, SET, REMOVE or DELETE)',
    ]);
  });

  it('reports labels and relationship types in @cypher that the model does not know', () => {
    const problems = problemsOf(`
      type A @node { id: ID! @id
        n: Int @cypher(statement: "MATCH (this)-[:LINKS]->(b:Bee) RETURN count(b) AS n", columnName: "n")
      }
    `);
    expect(problems).toEqual([
      'A.n: @cypher statement uses label :Bee, which no node type has',
      'A.n: @cypher statement uses relationship type :LINKS, which no @relationship declares',
    ]);
  });

  it('rejects a relationship to something that is not a node', () => {
    const problems = problemsOf(`
      type A @node { id: ID! @id  tag: [String!]! @relationship(type: "T", direction: OUT, properties: "Nope") }
    `);
    expect(problems).toEqual([
      'A.tag: @relationship target String is not a node type, interface or union',
      'A.tag: @relationship properties "Nope" is not a @relationshipProperties type',
    ]);
  });

  it('rejects invalid labels, object fields without @relationship and plain object types', () => {
    const problems = problemsOf(`
      type A @node(labels: ["Bad Label"]) { id: ID! @id  b: B }
      type B { id: ID! }
    `);
    expect(problems).toEqual([
      'B: an object type needs @node (a node type) or @relationshipProperties',
      'A: label "Bad Label" is not a valid label (letters, digits and _; not starting with a digit)',
      'A.b: type B is not a stored scalar (ID, String, Int, Float, Boolean, DateTime, BigInt); a field of a node type needs @relationship',
    ]);
  });

  it('rejects property names Memgate reserves for its own marks', () => {
    const problems = problemsOf(`
      type A @node @key(fields: "id") { id: ID! @id  flag: Boolean @alias(property: "__memgateCreated") }
    `);
    expect(problems).toEqual([
      'A.flag: property name "__memgateCreated" starts with "__", which Memgate reserves',
    ]);
    // A field named so is refused by GraphQL itself.
    const named = problemsOf(`type A @node @key(fields: "id") { id: ID! @id  __flag: Boolean }`);
    expect(named.join('\n')).toMatch(/__flag/);
  });

  it('rejects two types that share a primary label, and root types', () => {
    const problems = problemsOf(`
      type A @node(labels: ["X"]) { id: ID! @id }
      type B @node(labels: ["X", "B"]) { id: ID! @id }
      type Query { a: A }
    `);
    expect(problems).toEqual([
      'Query: the graph SDL declares node types only; root fields are generated from them',
      'B: primary label "X" is already the primary label of A',
    ]);
  });

  it('reports SDL syntax errors with their location', () => {
    expect(problemsOf('type A @node {')).toEqual([expect.stringContaining('Syntax Error')]);
  });
});
