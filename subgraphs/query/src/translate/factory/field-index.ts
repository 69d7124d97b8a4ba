import {
  type CypherField,
  type GraphModel,
  type InterfaceType,
  type NodeType,
  type RelationshipField,
  type ScalarField,
} from '@memgate/graph-model';
import { names } from '../../schema-generation/names.js';
import { hasConnection } from '../../schema-generation/object-types.js';

/** What a field of a generated node type means for the query. */
export type FieldPlan =
  | { readonly kind: 'scalar'; readonly field: ScalarField }
  | { readonly kind: 'relationship'; readonly field: RelationshipField }
  | { readonly kind: 'connection'; readonly field: RelationshipField }
  | { readonly kind: 'aggregate'; readonly field: RelationshipField }
  | { readonly kind: 'cypher'; readonly field: CypherField };

export type RootPlan =
  | { readonly kind: 'list' | 'connection' | 'aggregate'; readonly node: NodeType }
  /** An interface's root list: nodes of every implementing type. */
  | { readonly kind: 'interfaceList'; readonly interface: InterfaceType };

/**
 * Every generated field, indexed once at start-up, using the same naming
 * module as the schema generator, so a query never guesses what a field is.
 */
export class FieldIndex {
  private readonly byType = new Map<string, Map<string, FieldPlan>>();
  private readonly roots = new Map<string, RootPlan>();

  constructor(readonly model: GraphModel) {
    for (const node of model.nodes.values()) {
      const plans = new Map<string, FieldPlan>();
      for (const field of node.fields.values()) {
        if (field.kind === 'scalar') plans.set(field.name, { kind: 'scalar', field });
        else if (field.kind === 'cypher') plans.set(field.name, { kind: 'cypher', field });
        else {
          plans.set(field.name, { kind: 'relationship', field });
          if (hasConnection(model, field)) {
            plans.set(names.connectionField(field.name), { kind: 'connection', field });
            plans.set(names.aggregateField(field.name), { kind: 'aggregate', field });
          }
        }
      }
      this.byType.set(node.name, plans);
      this.roots.set(names.rootList(node), { kind: 'list', node });
      this.roots.set(names.rootConnectionField(node), { kind: 'connection', node });
      this.roots.set(names.rootAggregateField(node), { kind: 'aggregate', node });
    }
    for (const iface of model.interfaces.values()) {
      this.roots.set(iface.plural, { kind: 'interfaceList', interface: iface });
    }
  }

  field(typeName: string, fieldName: string): FieldPlan | undefined {
    return this.byType.get(typeName)?.get(fieldName);
  }

  root(fieldName: string): RootPlan | undefined {
    return this.roots.get(fieldName);
  }

  rootFieldNames(): string[] {
    return [...this.roots.keys()];
  }
}
