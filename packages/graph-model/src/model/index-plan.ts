import type { PropertyIndex } from '@memgate/cypher';
import type { GraphModel } from './graph-model.js';

/**
 * The indexes and uniqueness constraints a model needs: keys (MERGE looks
 * nodes up by them, and an unindexed MERGE is a full scan), `@id`, `@unique`
 * and `@index` fields, on the primary label of each node type.
 */
export function indexPlan(model: GraphModel): PropertyIndex[] {
  const plan: PropertyIndex[] = [];
  for (const node of model.nodes.values()) {
    const label = node.labels[0];
    if (label === undefined) continue;
    for (const field of node.fields.values()) {
      if (field.kind !== 'scalar') continue;
      const isKey = node.keyFields.includes(field.name);
      // A single-field key is unique on its own; a composite key is not
      // unique per field, so its fields are indexed only.
      const unique = field.unique || (isKey && node.keyFields.length === 1);
      if (isKey || field.indexed) plan.push({ label, property: field.property, unique });
    }
  }
  return plan;
}
