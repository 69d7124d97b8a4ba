import {
  type GraphModel,
  type NodeType,
  type RelationshipField,
  type ScalarField,
} from '@memgate/graph-model';
import { MemgateError } from '@memgate/platform/errors';
import type { CompareOperator, Predicate, PropertyRef, Quantifier } from '../ast/query-ast.js';
import { hopOf, targetOf } from './hops.js';

type Input = Readonly<Record<string, unknown>>;

const QUANTIFIERS: readonly Quantifier[] = ['some', 'none', 'all', 'single'];
const SCALAR_OPERATORS: readonly CompareOperator[] = [
  'eq',
  'in',
  'lt',
  'lte',
  'gt',
  'gte',
  'contains',
  'startsWith',
  'endsWith',
  'matches',
];

function isInput(value: unknown): value is Input {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function combine(kind: 'and' | 'or', items: Predicate[]): Predicate | undefined {
  if (items.length === 0) return undefined;
  return items.length === 1 ? items[0] : { kind, items };
}

/**
 * Turns a generated `where` input into a predicate. Inputs arrive already
 * coerced by GraphQL, so only semantic checks remain here; each failure is a
 * BAD_USER_INPUT naming the offending filter.
 */
export class FilterBuilder {
  constructor(
    private readonly model: GraphModel,
    private readonly options: { readonly regexFilters: boolean },
  ) {}

  /** A `<Target>Where` for a node type, an interface or a union. */
  targetWhere(target: string, where: unknown): Predicate | undefined {
    if (!isInput(where)) return undefined;
    const node = this.model.nodes.get(target);
    if (node) return this.nodeWhere(node, where);
    const iface = this.model.interfaces.get(target);
    if (iface) {
      return this.logical(
        where,
        (input) => this.targetWhere(target, input),
        (key, value) => {
          if (key === 'typename') {
            const wanted = (value as string[]).flatMap((name) => {
              const type = this.model.nodes.get(name);
              return type ? [targetOf(type)] : [];
            });
            return { kind: 'hasType', targets: wanted };
          }
          const field = iface.fields.get(key);
          return field ? this.scalarFilter(field, 'node', value) : undefined;
        },
      );
    }
    const union = this.model.unions.get(target);
    if (union) {
      const members = union.members.flatMap((member): Predicate[] => {
        const type = this.model.nodes.get(member);
        if (!type || !(member in where)) return [];
        const memberFilter = this.nodeWhere(type, where[member]);
        const hasType: Predicate = { kind: 'hasType', targets: [targetOf(type)] };
        return [memberFilter ? { kind: 'and', items: [hasType, memberFilter] } : hasType];
      });
      return combine('or', members);
    }
    return undefined;
  }

  nodeWhere(node: NodeType, where: unknown): Predicate | undefined {
    if (!isInput(where)) return undefined;
    return this.logical(
      where,
      (input) => this.nodeWhere(node, input),
      (key, value) => {
        const field = node.fields.get(key);
        if (field?.kind === 'scalar') return this.scalarFilter(field, 'node', value);
        if (field?.kind === 'relationship') return this.relationshipFilter(field, value);
        const base = key.endsWith('Connection')
          ? node.fields.get(key.slice(0, -'Connection'.length))
          : undefined;
        if (base?.kind === 'relationship') return this.connectionFilter(node, base, value);
        return undefined;
      },
    );
  }

  /** Conditions on one edge: the node it reaches and its relationship properties. */
  edgeWhere(owner: NodeType, field: RelationshipField, where: unknown): Predicate | undefined {
    if (!isInput(where)) return undefined;
    return this.logical(
      where,
      (input) => this.edgeWhere(owner, field, input),
      (key, value) => {
        if (key === 'node') return this.targetWhere(field.target, value);
        if (key === 'properties' && field.properties)
          return this.propertiesWhere(field.properties, value);
        return undefined;
      },
    );
  }

  private propertiesWhere(typeName: string, where: unknown): Predicate | undefined {
    const properties = this.model.relationshipProperties.get(typeName);
    if (!properties || !isInput(where)) return undefined;
    return this.logical(
      where,
      (input) => this.propertiesWhere(typeName, input),
      (key, value) => {
        const field = properties.fields.get(key);
        return field ? this.scalarFilter(field, 'edge', value) : undefined;
      },
    );
  }

  /** `{ some, none, all, single }` over the nodes a relationship reaches. */
  private relationshipFilter(field: RelationshipField, value: unknown): Predicate | undefined {
    return this.quantified(field, value, (where) => this.targetWhere(field.target, where));
  }

  /** The same quantifiers over edges: the node reached and the relationship's properties. */
  private connectionFilter(
    owner: NodeType,
    field: RelationshipField,
    value: unknown,
  ): Predicate | undefined {
    return this.quantified(field, value, (where) => this.edgeWhere(owner, field, where));
  }

  private quantified(
    field: RelationshipField,
    value: unknown,
    condition: (where: unknown) => Predicate | undefined,
  ): Predicate | undefined {
    if (!isInput(value)) return undefined;
    const hop = hopOf(this.model, field);
    const items = QUANTIFIERS.filter((quantifier) => value[quantifier] != null).map(
      (quantifier): Predicate => ({
        kind: 'related',
        quantifier,
        hop,
        filter: condition(value[quantifier]),
      }),
    );
    return combine('and', items);
  }

  /** AND / OR / NOT around field conditions, all of which must hold. */
  private logical(
    where: Input,
    recurse: (input: unknown) => Predicate | undefined,
    fieldCondition: (key: string, value: unknown) => Predicate | undefined,
  ): Predicate | undefined {
    const items: Predicate[] = [];
    for (const [key, value] of Object.entries(where)) {
      if (value === undefined) continue;
      if (key === 'AND' || key === 'OR') {
        const parts = ((value ?? []) as unknown[]).map(recurse);
        const defined = parts.filter((part): part is Predicate => part !== undefined);
        if (key === 'AND') {
          const all = combine('and', defined);
          if (all) items.push(all);
        } else if (defined.length === parts.length) {
          // OR: [] matches nothing; a branch without conditions matches everything.
          items.push(
            parts.length === 0 ? { kind: 'or', items: [] } : (combine('or', defined) as Predicate),
          );
        }
        continue;
      }
      if (key === 'NOT') {
        const inner = recurse(value);
        items.push(inner ? { kind: 'not', item: inner } : { kind: 'or', items: [] });
        continue;
      }
      const condition = fieldCondition(key, value);
      if (condition) items.push(condition);
    }
    return combine('and', items);
  }

  private scalarFilter(
    field: ScalarField,
    on: PropertyRef['on'],
    filter: unknown,
  ): Predicate | undefined {
    if (!isInput(filter)) return undefined;
    const ref: PropertyRef = {
      on,
      property: field.property,
      scalar: field.scalar,
      list: field.list,
    };
    const items: Predicate[] = [];
    for (const [key, value] of Object.entries(filter)) {
      if (value === undefined) continue;
      if (key === 'not') {
        const inner = this.scalarFilter(field, on, value);
        if (inner) items.push({ kind: 'not', item: inner });
      } else if (key === 'isNull') {
        if (value !== null) items.push({ kind: 'isNull', ref, isNull: value === true });
      } else if (key === 'eq' && value === null) {
        items.push({ kind: 'isNull', ref, isNull: true });
      } else if (value === null) {
        throw new MemgateError(
          'BAD_USER_INPUT',
          `${field.name}.${key} cannot be null; use isNull to test for a missing value.`,
        );
      } else if (key === 'includes' || key === 'isEmpty') {
        items.push({ kind: 'compare', ref, operator: key, value });
      } else if (key === 'matches' && !this.options.regexFilters) {
        throw new MemgateError(
          'BAD_USER_INPUT',
          `${field.name}.matches: regular expression filters are disabled on this server (MEMGATE_REGEX_FILTERS).`,
        );
      } else if ((SCALAR_OPERATORS as readonly string[]).includes(key)) {
        items.push({ kind: 'compare', ref, operator: key as CompareOperator, value });
      }
    }
    return combine('and', items);
  }
}
