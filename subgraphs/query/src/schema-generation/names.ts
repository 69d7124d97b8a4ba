import type { NodeType, RelationshipField, ScalarKind } from '@memgate/graph-model';

/**
 * Every generated GraphQL name in one place, so the schema generator and the
 * query factory can never disagree about what a field or input is called.
 */
function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

export const names = {
  where: (typeName: string) => `${typeName}Where`,
  sort: (typeName: string) => `${typeName}Sort`,
  relationshipFilter: (targetName: string) => `${targetName}RelationshipFilter`,
  edgeWhere: (owner: NodeType, field: RelationshipField) =>
    `${owner.name}${upperFirst(field.name)}EdgeWhere`,
  connectionFilter: (owner: NodeType, field: RelationshipField) =>
    `${owner.name}${upperFirst(field.name)}ConnectionFilter`,
  connectionSort: (owner: NodeType, field: RelationshipField) =>
    `${owner.name}${upperFirst(field.name)}ConnectionSort`,
  relationshipConnection: (owner: NodeType, field: RelationshipField) =>
    `${owner.name}${upperFirst(field.name)}Connection`,
  relationshipEdge: (owner: NodeType, field: RelationshipField) =>
    `${owner.name}${upperFirst(field.name)}Edge`,
  relationshipAggregate: (owner: NodeType, field: RelationshipField) =>
    `${owner.name}${upperFirst(field.name)}Aggregate`,
  rootConnection: (node: NodeType) => `${upperFirst(node.plural)}Connection`,
  rootEdge: (typeName: string) => `${typeName}Edge`,
  aggregate: (typeName: string) => `${typeName}Aggregate`,
  aggregateNode: (typeName: string) => `${typeName}AggregateNode`,
  propertiesWhere: (propertiesType: string) => `${propertiesType}Where`,
  propertiesSort: (propertiesType: string) => `${propertiesType}Sort`,
  propertiesAggregate: (propertiesType: string) => `${propertiesType}Aggregate`,
  implementationEnum: (interfaceName: string) => `${interfaceName}Implementation`,
  connectionField: (fieldName: string) => `${fieldName}Connection`,
  aggregateField: (fieldName: string) => `${fieldName}Aggregate`,
  rootList: (node: NodeType) => node.plural,
  rootConnectionField: (node: NodeType) => `${node.plural}Connection`,
  rootAggregateField: (node: NodeType) => `${node.plural}Aggregate`,
  scalarFilter: (scalar: ScalarKind, list: boolean) => `${scalar}${list ? 'List' : ''}Filter`,
  scalarAggregate: (scalar: ScalarKind) => `${scalar}Aggregate`,
} as const;
