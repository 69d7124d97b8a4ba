/**
 * A small knowledge graph for the live query tests, written with `{Label}`
 * placeholders that `createLiveGraph` makes unique per test file.
 */
export const KNOWLEDGE_SDL = /* GraphQL */ `
  interface Entity {
    id: ID!
    name: String!
  }

  type Person implements Entity @node(labels: ["{Person}"], plural: "people") {
    id: ID! @id
    name: String!
    age: Int
    influence: Float
    active: Boolean
    aliases: [String!]
    bornAt: DateTime
    balance: BigInt
    knows: [Person!]! @relationship(type: "KNOWS", direction: OUT, properties: "Acquaintance")
    worksAt: [Organization!]!
      @relationship(type: "WORKS_AT", direction: OUT, properties: "Employment")
    authored: [Document!]! @relationship(type: "AUTHORED", direction: OUT)
    follows: [Followable!]! @relationship(type: "FOLLOWS", direction: OUT)
    friendCount: Int
      @cypher(
        statement: "MATCH (this)-[:KNOWS]->(f:{Person}) RETURN count(f) AS c"
        columnName: "c"
      )
  }

  type Organization implements Entity @node(labels: ["{Organization}"]) {
    id: ID! @id
    name: String!
    revenue: BigInt
    employees: [Person!]! @relationship(type: "WORKS_AT", direction: IN, properties: "Employment")
  }

  type Document @node(labels: ["{Document}"]) {
    id: ID! @id
    title: String!
    wordCount: Int
    publishedAt: DateTime
    authors: [Person!]! @relationship(type: "AUTHORED", direction: IN)
    mentions: [Entity!]! @relationship(type: "MENTIONS", direction: OUT)
  }

  union Followable = Person | Organization

  type Acquaintance @relationshipProperties {
    strength: Float
    since: DateTime
  }
  type Employment @relationshipProperties {
    role: String
    startYear: Int
  }
`;

/** People p1..p6, organisations o1..o2, documents d1..d3 and the relationships between them. */
export const SEED_CYPHER = `
  UNWIND $people AS p CREATE (n:{Person}) SET n = p
  WITH count(*) AS people
  UNWIND $organizations AS o CREATE (n:{Organization}) SET n = o
  WITH count(*) AS organizations
  UNWIND $documents AS d CREATE (n:{Document}) SET n = d
  WITH count(*) AS documents
  UNWIND $knows AS k
  MATCH (a:{Person} {id: k[0]}), (b:{Person} {id: k[1]})
  CREATE (a)-[:KNOWS {strength: k[2]}]->(b)
  WITH count(*) AS knows
  UNWIND $worksAt AS w
  MATCH (a:{Person} {id: w[0]}), (o:{Organization} {id: w[1]})
  CREATE (a)-[:WORKS_AT {role: w[2], startYear: w[3]}]->(o)
  WITH count(*) AS worksAt
  UNWIND $authored AS x
  MATCH (a:{Person} {id: x[0]}), (d:{Document} {id: x[1]})
  CREATE (a)-[:AUTHORED]->(d)
  WITH count(*) AS authored
  UNWIND $mentions AS m
  MATCH (d:{Document} {id: m[0]}), (e {id: m[1]}) WHERE e:{Person} OR e:{Organization}
  CREATE (d)-[:MENTIONS]->(e)
  WITH count(*) AS mentions
  UNWIND $follows AS f
  MATCH (a:{Person} {id: f[0]}), (e {id: f[1]}) WHERE e:{Person} OR e:{Organization}
  CREATE (a)-[:FOLLOWS]->(e)
  RETURN count(*) AS follows
`;
