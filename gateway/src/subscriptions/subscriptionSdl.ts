/**
 * The subscription part of a subgraph SDL, for the node types of a graph:
 * what the ingestion subgraph declares so that `graphChanged` and
 * `ingestionProgress` compose into the supergraph. The gateway serves these
 * fields itself (from the change feed); the subgraph never resolves them.
 * It needs `DateTime` and `IngestionReceipt`, which the ingestion SDL has.
 */
export function subscriptionSdl(nodeTypes: readonly string[]): string {
  return `
"What happened to a node."
enum GraphChangeKind {
  UPSERTED
  DELETED
  CONNECTED
  DISCONNECTED
}

"Any node of the graph."
union GraphNode = ${nodeTypes.join(' | ')}

"A change to one node, as the ingestion pipeline wrote it to the graph."
type GraphChange {
  kind: GraphChangeKind!
  typename: String!
  "The node's key: the value of a one-field key, or a JSON object of a compound key."
  key: ID!
  "The ingestion request that made the change, if any."
  receiptId: ID
  at: DateTime!
  "The node as it is now, resolved through the query subgraph; null once deleted."
  node: GraphNode
}

type Subscription {
  "Changes to nodes as they are written, optionally only of some types or keys."
  graphChanged(types: [String!], keys: [ID!]): GraphChange!
  "The progress of one ingestion request, from where it stands now until it completes or fails."
  ingestionProgress(receiptId: ID!): IngestionReceipt!
}
`;
}
