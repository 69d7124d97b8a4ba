import type { GraphModel, NodeType } from '@memgate/graph-model';
import { MemgateError } from '@memgate/platform/errors';
import {
  endTypes,
  outgoingRelationship,
  relationshipPropertyFields,
} from '../model/relationship-fields.js';
import type { ConnectOperation, RelationshipOperation } from '../transform/graph-operation.js';
import { toBoltValue } from './bolt-values.js';
import type { RelationshipTarget } from './relationship-statements.js';
import { rowKey, type RowKey } from './write-rows.js';

/** The node type an operation names, or BAD_USER_INPUT: the model may have changed since it was queued. */
export function nodeTypeOf(model: GraphModel, name: string): NodeType {
  const node = model.nodes.get(name);
  if (!node) throw new MemgateError('BAD_USER_INPUT', `the graph has no node type ${name}`);
  return node;
}

/** Start type, field and concrete end type of a relationship operation, checked against the model. */
export function relationshipTarget(
  model: GraphModel,
  operation: RelationshipOperation,
): RelationshipTarget {
  const from = nodeTypeOf(model, operation.type);
  const field = outgoingRelationship(from, operation.field);
  if (!field) {
    throw new MemgateError(
      'BAD_USER_INPUT',
      `${from.name} has no outgoing relationship field "${operation.field}".`,
    );
  }
  const to = endTypes(model, field).find((candidate) => candidate.name === operation.to.type);
  if (!to) {
    throw new MemgateError(
      'BAD_USER_INPUT',
      `${from.name}.${field.name} cannot end at a ${operation.to.type}.`,
    );
  }
  return { from, field, to };
}

/** Both keys of a relationship operation, start first, as Bolt values. */
export function endKeys(
  target: RelationshipTarget,
  operation: RelationshipOperation,
): readonly [fromKey: RowKey, toKey: RowKey] {
  return [rowKey(target.from, operation.from), rowKey(target.to, operation.to.key)];
}

/** Relationship properties by stored property name, as Bolt values. */
export function relationshipProps(
  model: GraphModel,
  target: RelationshipTarget,
  operation: ConnectOperation,
): Record<string, unknown> {
  const fields = relationshipPropertyFields(model, target.field);
  const props: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(operation.properties)) {
    const field = fields.get(name);
    if (!field) {
      throw new MemgateError(
        'BAD_USER_INPUT',
        `${target.from.name}.${target.field.name} has no relationship property "${name}".`,
      );
    }
    props[field.property] = toBoltValue(field, value);
  }
  return props;
}
