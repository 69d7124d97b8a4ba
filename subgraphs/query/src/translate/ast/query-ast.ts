import type { CypherField, Direction, ScalarKind } from '@memgate/graph-model';

/**
 * The query AST: what one root field asks of the graph, independent of both
 * GraphQL (the factory builds it from the resolve info) and Cypher text (the
 * printer turns it into one statement). Keys are GraphQL response keys
 * (aliases), so the same field twice with different arguments stays apart.
 */

/** A stored property on the current node or on the relationship that reached it. */
export interface PropertyRef {
  readonly on: 'node' | 'edge';
  readonly property: string;
  readonly scalar: ScalarKind;
  readonly list: boolean;
}

export type CompareOperator =
  | 'eq'
  | 'in'
  | 'lt'
  | 'lte'
  | 'gt'
  | 'gte'
  | 'contains'
  | 'startsWith'
  | 'endsWith'
  | 'matches'
  | 'includes'
  | 'isEmpty';

export type Quantifier = 'some' | 'none' | 'all' | 'single';

/** One step along a relationship; targets are label sets, one per concrete node type. */
export interface Hop {
  readonly type: string;
  readonly direction: Direction;
  readonly targets: readonly TargetType[];
}

export interface TargetType {
  readonly typeName: string;
  readonly labels: readonly string[];
}

export type Predicate =
  | { readonly kind: 'and'; readonly items: readonly Predicate[] }
  | { readonly kind: 'or'; readonly items: readonly Predicate[] }
  | { readonly kind: 'not'; readonly item: Predicate }
  | {
      readonly kind: 'compare';
      readonly ref: PropertyRef;
      readonly operator: CompareOperator;
      readonly value: unknown;
    }
  | { readonly kind: 'isNull'; readonly ref: PropertyRef; readonly isNull: boolean }
  /** The node carries the labels of one of these types. */
  | { readonly kind: 'hasType'; readonly targets: readonly TargetType[] }
  | {
      readonly kind: 'related';
      readonly quantifier: Quantifier;
      readonly hop: Hop;
      /** Conditions on the related node (`node`) and the relationship (`edge`). */
      readonly filter: Predicate | undefined;
    };

export interface SortKey {
  readonly on: 'node' | 'edge';
  readonly property: string;
  readonly direction: 'ASC' | 'DESC';
}

export interface Page {
  readonly offset: number | undefined;
  readonly limit: number | undefined;
}

/** What to return of a node; abstract targets have one projection per concrete type. */
export interface NodeProjection {
  readonly byType: readonly TypeProjection[];
  /** Interfaces and unions: the printer adds `__typename` for type resolution. */
  readonly abstract: boolean;
}

export interface TypeProjection {
  readonly target: TargetType;
  readonly members: readonly Member[];
}

export type Member =
  PropertyMember | RelationshipMember | ConnectionMember | AggregateMember | CypherMember;

export interface PropertyMember {
  readonly kind: 'property';
  readonly key: string;
  readonly ref: PropertyRef;
}

export interface RelationshipMember {
  readonly kind: 'relationship';
  readonly key: string;
  readonly hop: Hop;
  readonly filter: Predicate | undefined;
  readonly sort: readonly SortKey[];
  readonly page: Page;
  /** A to-one relationship returns a node or null instead of a list. */
  readonly single: boolean;
  readonly projection: NodeProjection;
}

/** One `edges` selection of a connection. */
export interface EdgesSelection {
  readonly key: string;
  readonly cursorKeys: readonly string[];
  readonly node: { readonly key: string; readonly projection: NodeProjection } | undefined;
  readonly properties: { readonly key: string; readonly members: readonly Member[] } | undefined;
}

export type PageInfoField = 'hasNextPage' | 'hasPreviousPage' | 'startCursor' | 'endCursor';

export interface ConnectionSelection {
  readonly edges: readonly EdgesSelection[];
  readonly totalCountKeys: readonly string[];
  readonly pageInfo: readonly {
    readonly key: string;
    readonly fields: ReadonlyMap<string, PageInfoField>;
  }[];
}

export interface ConnectionMember extends ConnectionSelection {
  readonly kind: 'connection';
  readonly key: string;
  readonly hop: Hop;
  readonly filter: Predicate | undefined;
  readonly sort: readonly SortKey[];
  /** `first` and the offset decoded from `after`. */
  readonly page: Page;
}

export type AggregateFunction = 'min' | 'max' | 'avg' | 'sum' | 'shortest' | 'longest';

export interface AggregateFieldSelection {
  readonly key: string;
  readonly ref: PropertyRef;
  readonly functions: readonly { readonly key: string; readonly fn: AggregateFunction }[];
}

export interface AggregateSelection {
  readonly countKeys: readonly string[];
  readonly node: readonly {
    readonly key: string;
    readonly fields: readonly AggregateFieldSelection[];
  }[];
  readonly properties: readonly {
    readonly key: string;
    readonly fields: readonly AggregateFieldSelection[];
  }[];
}

export interface AggregateMember extends AggregateSelection {
  readonly kind: 'aggregate';
  readonly key: string;
  readonly hop: Hop;
  readonly filter: Predicate | undefined;
}

export interface CypherMember {
  readonly kind: 'cypher';
  readonly key: string;
  readonly field: CypherField;
  /** Set when the statement returns nodes of a node type. */
  readonly projection: NodeProjection | undefined;
}

/** The root of a read: which nodes, in what order, which page, and what to return. */
export interface RootSource {
  /** One node type, or the implementations of an interface. */
  readonly targets: readonly TargetType[];
  readonly filter: Predicate | undefined;
}

export type RootQuery =
  | {
      readonly kind: 'list';
      readonly source: RootSource;
      readonly sort: readonly SortKey[];
      readonly page: Page;
      readonly projection: NodeProjection;
    }
  | ({
      readonly kind: 'connection';
      readonly source: RootSource;
      readonly sort: readonly SortKey[];
      readonly page: Page;
    } & ConnectionSelection)
  | ({ readonly kind: 'aggregate'; readonly source: RootSource } & AggregateSelection)
  | {
      /** `_entities`: nodes looked up by their federation keys, in the order asked. */
      readonly kind: 'entities';
      readonly target: TargetType;
      readonly keyProperties: readonly {
        readonly field: string;
        readonly property: string;
        readonly scalar: ScalarKind;
      }[];
      readonly representations: readonly Record<string, unknown>[];
      readonly projection: NodeProjection;
    };
