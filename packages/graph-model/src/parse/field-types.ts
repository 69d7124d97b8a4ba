import { getNamedType, isListType, isNonNullType, type GraphQLOutputType } from 'graphql';
import type { ScalarKind } from '../model/graph-model.js';

export const SCALAR_KINDS: ReadonlySet<string> = new Set<ScalarKind>([
  'ID',
  'String',
  'Int',
  'Float',
  'Boolean',
  'DateTime',
  'BigInt',
]);

export interface FieldShape {
  readonly typeName: string;
  readonly list: boolean;
  readonly required: boolean;
  /** Lists of lists cannot be stored as a property or followed as a relationship. */
  readonly nestedList: boolean;
}

/** `[Person!]!` → { typeName: 'Person', list: true, required: true }. */
export function fieldShape(type: GraphQLOutputType): FieldShape {
  const required = isNonNullType(type);
  const inner = isNonNullType(type) ? type.ofType : type;
  const list = isListType(inner);
  let nestedList = false;
  if (isListType(inner)) {
    const item = isNonNullType(inner.ofType) ? inner.ofType.ofType : inner.ofType;
    nestedList = isListType(item);
  }
  return { typeName: getNamedType(type).name, list, required, nestedList };
}
