import type { GraphModel, NodeType, RelationshipField } from '@memgate/graph-model';
import { names } from './names.js';
import { block } from './sdl-printing.js';

export function rootConnectionTypes(node: NodeType): string {
  const edge = names.rootEdge(node.name);
  return [
    block('type', names.rootConnection(node), [
      `edges: [${edge}!]!`,
      'pageInfo: PageInfo!',
      '"All matching nodes, not only this page."\n  totalCount: Int!',
    ]),
    block('type', edge, [
      '"Opaque; pass it as `after` to continue after this edge."\n  cursor: String!',
      `node: ${node.name}!`,
    ]),
  ].join('\n\n');
}

export function relationshipConnectionTypes(
  model: GraphModel,
  owner: NodeType,
  field: RelationshipField,
): string {
  const edge = names.relationshipEdge(owner, field);
  const edgeLines = ['cursor: String!', `node: ${field.target}!`];
  if (field.properties && model.relationshipProperties.has(field.properties)) {
    edgeLines.push(
      `"The properties stored on the relationship."\n  properties: ${field.properties}!`,
    );
  }
  return [
    block('type', names.relationshipConnection(owner, field), [
      `edges: [${edge}!]!`,
      'pageInfo: PageInfo!',
      'totalCount: Int!',
    ]),
    block('type', edge, edgeLines),
  ].join('\n\n');
}
