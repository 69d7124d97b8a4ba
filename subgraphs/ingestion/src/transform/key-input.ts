import type { NodeType } from '@memgate/graph-model';
import { MemgateError } from '@memgate/platform/errors';
import { isJsonScalar, type JsonScalar } from '../model/json-value.js';

/**
 * The key of a node from a `<Type>KeyInput` object, in `@key` order. GraphQL
 * has checked the types already; a missing value here means the input type
 * and the model disagree, or the value came from somewhere else.
 */
export function keyFromInput(node: NodeType, input: unknown, path: string): JsonScalar[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw badInput(path, `expected the key of a ${node.name}`);
  }
  const record = input as Readonly<Record<string, unknown>>;
  return node.keyFields.map((name) => {
    const value = record[name];
    if (!isJsonScalar(value)) throw badInput(`${path}.${name}`, 'the key field is missing');
    return value;
  });
}

export function badInput(path: string, reason: string): MemgateError {
  return new MemgateError('BAD_USER_INPUT', `${path}: ${reason}.`, { details: { path } });
}
