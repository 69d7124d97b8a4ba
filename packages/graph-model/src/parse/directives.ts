/**
 * The directives Memgate reads in a graph's SDL. Users write them on their
 * types; the generated subgraph schemas do not carry them.
 */
export const GRAPH_DIRECTIVES_SDL = /* GraphQL */ `
  "A node type stored with these labels (default: the type name). The first label is the primary one."
  directive @node(labels: [String!], plural: String) on OBJECT

  "A field that follows relationships of this type and direction; properties names a @relationshipProperties type."
  directive @relationship(
    type: String!
    direction: RelationshipDirection!
    properties: String
  ) on FIELD_DEFINITION

  enum RelationshipDirection {
    OUT
    IN
  }

  "The properties stored on a relationship."
  directive @relationshipProperties on OBJECT

  "The field that identifies a node; unique and indexed."
  directive @id on FIELD_DEFINITION

  "A uniqueness constraint (and an index) on this property."
  directive @unique on FIELD_DEFINITION

  "An index on this property."
  directive @index on FIELD_DEFINITION

  "Stores the field under another property name (short names save memory in Memgraph; names starting with __ are reserved)."
  directive @alias(property: String!) on FIELD_DEFINITION

  "A computed field: a read-only Cypher statement over this, returning columnName."
  directive @cypher(statement: String!, columnName: String!) on FIELD_DEFINITION

  "Roles or scopes a caller needs; enforced by the gateway."
  directive @auth(requires: [String!]!) on OBJECT | FIELD_DEFINITION

  "Federation: the fields that identify an entity."
  directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE

  scalar DateTime
  scalar BigInt
`;

export const MEMGATE_DIRECTIVE_NAMES = new Set([
  'node',
  'relationship',
  'relationshipProperties',
  'id',
  'unique',
  'index',
  'alias',
  'cypher',
  'auth',
  'key',
]);
