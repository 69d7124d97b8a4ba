import { parseGraphModel, type GraphModel, type NodeType } from '@memgate/graph-model';

/**
 * A small graph with every stored scalar, a second label, an aliased
 * property, a composite key, relationships with and without properties,
 * one to a union, and a uniqueness constraint besides the key: the shapes
 * the ingestion code must handle.
 * `labelSuffix` gives integration tests labels no other test uses.
 */
export function testGraphSdl(labelSuffix = ''): string {
  return /* GraphQL */ `
    "Someone."
    type Person @node(labels: ["Person${labelSuffix}", "Agent${labelSuffix}"]) @key(fields: "id") {
      id: ID! @id
      name: String!
      age: Int
      "From 0 to 1."
      score: Float @alias(property: "sc")
      active: Boolean
      tags: [String!]
      bornAt: DateTime
      wealth: BigInt
      email: String @unique
      knows: [Person!]! @relationship(type: "KNOWS", direction: OUT, properties: "Acquaintance")
      knownBy: [Person!]! @relationship(type: "KNOWS", direction: IN, properties: "Acquaintance")
      worksAt: [Organization!]! @relationship(type: "WORKS_AT", direction: OUT, properties: "Employment")
      follows: [Followable!]! @relationship(type: "FOLLOWS", direction: OUT)
      recorded: [Reading!]! @relationship(type: "RECORDED", direction: OUT)
    }

    type Organization @node(labels: ["Organization${labelSuffix}"]) @key(fields: "id") {
      id: ID! @id
      name: String!
      employees: [Person!]! @relationship(type: "WORKS_AT", direction: IN, properties: "Employment")
    }

    type Reading @node(labels: ["Reading${labelSuffix}"]) @key(fields: "sensor seq") {
      sensor: String!
      seq: Int!
      value: Float
    }

    union Followable = Person | Organization

    type Acquaintance @relationshipProperties {
      since: DateTime
      "From 0 to 1."
      strength: Float
    }

    type Employment @relationshipProperties {
      role: String
      startYear: Int
    }
  `;
}

/** The labels of every node type of the test graph, for clean-up. */
export function testLabels(labelSuffix: string): string[] {
  return ['Person', 'Organization', 'Reading'].map((name) => `${name}${labelSuffix}`);
}

export function testModel(labelSuffix = ''): GraphModel {
  return parseGraphModel(testGraphSdl(labelSuffix));
}

export function nodeOf(model: GraphModel, name: string): NodeType {
  const node = model.nodes.get(name);
  if (!node) throw new Error(`no node type ${name} in the test model`);
  return node;
}
