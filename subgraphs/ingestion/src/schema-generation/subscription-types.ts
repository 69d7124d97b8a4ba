import type { GraphModel } from '@memgate/graph-model';
import { ingestionNames } from './names.js';
import { block } from './sdl-printing.js';

/**
 * `GraphChangeKind`, `GraphNode`, `GraphChange` and the `Subscription` root:
 * the shape of what the changes topic carries, declared here so it composes
 * into the supergraph. The gateway serves these fields itself, from the
 * changes topic, and completes `node` through the query plan; this subgraph
 * never resolves them.
 */
export function subscriptionTypes(model: GraphModel): string[] {
  const nodes = [...model.nodes.keys()];
  return [
    `"What happened to a node or to one of its relationships."
enum ${ingestionNames.changeKindEnum} {
  "The node did not exist before the write."
  CREATED
  "The node existed; the write set some of its properties."
  UPDATED
  "The node was deleted, with its relationships."
  DELETED
  "A relationship from the node was created or updated."
  CONNECTED
  "A relationship from the node was removed."
  DISCONNECTED
}`,
    `"Any node of the graph."\nunion ${ingestionNames.nodeUnion} = ${nodes.join(' | ')}`,
    `"A change as the ingestion workers wrote it, once its transaction committed."
${block('type', ingestionNames.changeType, [
  `kind: ${ingestionNames.changeKindEnum}!`,
  '"The node type, e.g. Person."',
  'typename: String!',
  '"The node\'s key: the value of a one-field key, or a JSON string of the fields of a composite key."',
  'key: ID!',
  '"The ingestion request that made the change."',
  'receiptId: ID',
  'at: DateTime!',
  '"The node as it is now (null once deleted), resolved through the query subgraph."',
  `node: ${ingestionNames.nodeUnion}`,
])}`,
    block('type', 'Subscription', [
      '"Changes as they are written, optionally only of some node types or some keys."',
      `${ingestionNames.graphChangedField}(types: [String!], keys: [ID!]): ${ingestionNames.changeType}!`,
      '"The receipt each time a batch moves it, until it is completed or failed."',
      `${ingestionNames.progressField}(receiptId: ID!): ${ingestionNames.receiptType}!`,
    ]),
  ];
}
