import type { GraphModel, ScalarField } from '@memgate/graph-model';
import type { SelectionContext } from './collect-fields.js';
import type { FieldIndex } from './field-index.js';
import type { FilterBuilder } from './build-filter.js';
import type { ResultLimits } from './paging.js';

/** Everything the factory reads while turning one root field into a query AST. */
export interface FactoryContext extends SelectionContext {
  readonly model: GraphModel;
  readonly index: FieldIndex;
  readonly filters: FilterBuilder;
  readonly limits: ResultLimits;
}

/** Scalar fields of a node type or interface by name, for sorting and aggregation. */
export function scalarFieldLookup(
  model: GraphModel,
  typeName: string,
): (name: string) => ScalarField | undefined {
  const node = model.nodes.get(typeName);
  if (node) {
    return (name) => {
      const field = node.fields.get(name);
      return field?.kind === 'scalar' ? field : undefined;
    };
  }
  const fields =
    model.interfaces.get(typeName)?.fields ?? model.relationshipProperties.get(typeName)?.fields;
  return (name) => fields?.get(name);
}
