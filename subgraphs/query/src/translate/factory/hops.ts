import {
  concreteTargets,
  type GraphModel,
  type NodeType,
  type RelationshipField,
} from '@memgate/graph-model';
import type { Hop, TargetType } from '../ast/query-ast.js';

export function targetOf(node: NodeType): TargetType {
  return { typeName: node.name, labels: node.labels };
}

export function hopOf(model: GraphModel, field: RelationshipField): Hop {
  return {
    type: field.type,
    direction: field.direction,
    targets: concreteTargets(model, field.target).map(targetOf),
  };
}
