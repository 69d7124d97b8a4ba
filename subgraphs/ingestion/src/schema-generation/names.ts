import type { NodeType, RelationshipField } from '@memgate/graph-model';

function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Every generated name of the ingestion API in one place, so the SDL
 * generator and the resolvers can never disagree about what a field is called.
 */
export const ingestionNames = {
  /** `upsertPeople` for a node type whose plural is `people`. */
  upsertField: (node: NodeType) => `upsert${upperFirst(node.plural)}`,
  /** `PersonInput`: one record of an upsert. */
  upsertInput: (node: NodeType) => `${node.name}Input`,
  /** `PersonKeyInput`, and `FollowableKeyInput` for an interface or union (one member given). */
  keyInput: (typeName: string) => `${typeName}KeyInput`,
  /** `AcquaintanceInput`: the properties of a relationship. */
  propertiesInput: (propertiesType: string) => `${propertiesType}Input`,
  /** `connectPersonKnows`. */
  connectField: (node: NodeType, field: RelationshipField) =>
    `connect${node.name}${upperFirst(field.name)}`,
  /** `disconnectPersonKnows`. */
  disconnectField: (node: NodeType, field: RelationshipField) =>
    `disconnect${node.name}${upperFirst(field.name)}`,
  /** `PersonKnowsConnectInput`. */
  connectInput: (node: NodeType, field: RelationshipField) =>
    `${node.name}${upperFirst(field.name)}ConnectInput`,
  /** `PersonKnowsDisconnectInput`. */
  disconnectInput: (node: NodeType, field: RelationshipField) =>
    `${node.name}${upperFirst(field.name)}DisconnectInput`,
  /** `deletePeople`. */
  deleteField: (node: NodeType) => `delete${upperFirst(node.plural)}`,
  /** `people` on a receipt: references to the entities it upserted. */
  receiptEntities: (node: NodeType) => node.plural,
  receiptType: 'IngestionReceipt',
  errorType: 'IngestionError',
  statusEnum: 'IngestionStatus',
  receiptQuery: 'ingestionReceipt',
  ingestField: 'ingest',
  changeType: 'GraphChange',
  changeKindEnum: 'GraphChangeKind',
  nodeUnion: 'GraphNode',
  graphChangedField: 'graphChanged',
  progressField: 'ingestionProgress',
} as const;
