import { parseGraphModel, type GraphModel, type NodeType } from '@memgate/graph-model';

/**
 * A small graph with every stored scalar, a second label, an aliased
 * property and a composite key: the shapes the ingestion code must handle.
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
      knows: [Person!]! @relationship(type: "KNOWS", direction: OUT)
    }

    type Reading @node(labels: ["Reading${labelSuffix}"]) @key(fields: "sensor seq") {
      sensor: String!
      seq: Int!
      value: Float
    }
  `;
}

export function testModel(labelSuffix = ''): GraphModel {
  return parseGraphModel(testGraphSdl(labelSuffix));
}

export function nodeOf(model: GraphModel, name: string): NodeType {
  const node = model.nodes.get(name);
  if (!node) throw new Error(`no node type ${name} in the test model`);
  return node;
}
