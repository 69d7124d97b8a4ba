import { relationshipFields, scalarFields, type GraphModel } from '@memgate/graph-model';
import {
  aggregateNodeType,
  aggregateTypes,
  relationshipAggregateType,
  targetScalarFields,
} from './aggregate-types.js';
import { relationshipConnectionTypes, rootConnectionTypes } from './connection-types.js';
import {
  edgeInputs,
  interfaceWhereInput,
  nodeWhereInput,
  propertiesWhereInput,
  relationshipFilterInput,
  relationshipFilterTargets,
  unionWhereInput,
} from './filter-inputs.js';
import { names } from './names.js';
import {
  hasConnection,
  interfaceType,
  isSortableTarget,
  nodeObjectType,
  propertiesObjectType,
  unionType,
} from './object-types.js';
import { block } from './sdl-printing.js';
import { sharedTypeDefs } from './shared-types.js';
import { connectionSortInput, sortInput } from './sort-inputs.js';

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

/**
 * The query subgraph's whole read API, derived from the graph model: for
 * each node type a list field, a Relay connection and an aggregate, with
 * where / sort inputs, and the same on every relationship field.
 */
export function generateQuerySubgraphSdl(model: GraphModel): string {
  const parts: string[] = [FEDERATION_LINK, sharedTypeDefs()];
  const queryFields: string[] = [];

  for (const node of model.nodes.values()) {
    parts.push(
      nodeObjectType(model, node),
      nodeWhereInput(model, node),
      sortInput(node.name, scalarFields(node)),
      rootConnectionTypes(node),
      aggregateTypes(node.name, scalarFields(node)),
    );
    for (const field of relationshipFields(node)) {
      if (!hasConnection(model, field)) continue;
      parts.push(
        edgeInputs(node, field),
        connectionSortInput(node, field, isSortableTarget(model, field.target)),
        relationshipConnectionTypes(model, node, field),
        relationshipAggregateType(model, node, field),
      );
    }
    const where = `where: ${names.where(node.name)}`;
    const sort = `sort: [${names.sort(node.name)}!]`;
    queryFields.push(
      `${names.rootList(node)}(${where}, ${sort}, limit: Int, offset: Int): [${node.name}!]!`,
      `${names.rootConnectionField(node)}(${where}, ${sort}, first: Int, after: String): ${names.rootConnection(node)}!`,
      `${names.rootAggregateField(node)}(${where}): ${names.aggregate(node.name)}!`,
    );
  }

  for (const iface of model.interfaces.values()) {
    queryFields.push(
      `"Nodes of every type that implements ${iface.name}."\n  ${iface.plural}(where: ${names.where(iface.name)}, sort: [${names.sort(iface.name)}!], limit: Int, offset: Int): [${iface.name}!]!`,
    );
    parts.push(
      interfaceType(model, iface.name),
      interfaceWhereInput(iface),
      sortInput(iface.name, iface.fields.values()),
      // Interfaces are aggregated through relationships only: no root aggregate.
      aggregateNodeType(iface.name, targetScalarFields(model, iface.name)),
    );
  }
  for (const union of model.unions.values())
    parts.push(unionType(model, union.name), unionWhereInput(union));
  for (const properties of model.relationshipProperties.values()) {
    parts.push(
      propertiesObjectType(model, properties.name),
      propertiesWhereInput(properties),
      sortInput(properties.name, properties.fields.values()),
      aggregateTypes(properties.name, properties.fields.values()),
    );
  }
  for (const target of relationshipFilterTargets(model))
    parts.push(relationshipFilterInput(target));

  parts.push(block('type', 'Query', queryFields));
  return `${parts.filter((part) => part.trim().length > 0).join('\n\n')}\n`;
}
