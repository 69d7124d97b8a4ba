import type { ScalarField } from '@memgate/graph-model';
import type { JsonValue } from '../model/json-value.js';
import { coerceToField, type CoercionOptions } from './coerce.js';
import type { CompiledValue } from './compiled-mapping.js';
import type { Condition } from './conditions.js';
import { parseDateFormat } from './date-formats.js';
import { parseFieldPath, type FieldPath } from './field-path.js';
import type { ConditionSpec, ValueSpec } from './mapping-schema.js';
import { formatPath } from './mapping-problems.js';

/** Reports a problem at a path of the mapping file. */
export type Report = (path: readonly PropertyKey[], message: string) => void;

/** A path, or undefined after reporting why it is not one. */
export function compilePath(
  text: string,
  at: readonly PropertyKey[],
  report: Report,
): FieldPath | undefined {
  const parsed = parseFieldPath(text);
  if ('error' in parsed) {
    report(at, parsed.error);
    return undefined;
  }
  return parsed;
}

/**
 * A value spec for `field`: the options must suit the field's type, and a
 * constant or default must read as one, so a bad mapping fails at start-up
 * rather than on every record.
 */
export function compileValue(
  spec: ValueSpec,
  field: ScalarField,
  at: readonly PropertyKey[],
  report: Report,
): CompiledValue | undefined {
  let ok = true;
  const fail = (key: string, message: string): void => {
    ok = false;
    report([...at, key], message);
  };
  const options: { format?: CoercionOptions['format']; split?: string } = {};
  if (spec.format !== undefined) {
    if (field.scalar !== 'DateTime')
      fail('format', `${field.name} is ${field.scalar}; format is for DateTime fields`);
    else {
      const format = parseDateFormat(spec.format);
      if ('error' in format) fail('format', format.error);
      else options.format = format;
    }
  }
  if (spec.split !== undefined) {
    if (!field.list) fail('split', `${field.name} is not a list; split is for list fields`);
    else options.split = spec.split;
  }
  const path =
    spec.path === undefined ? undefined : compilePath(spec.path, [...at, 'path'], report);
  if (spec.path !== undefined && !path) ok = false;
  const constant = readConstant(spec.value, field, options, [...at, 'value'], report);
  const fallback = readConstant(spec.default, field, options, [...at, 'default'], report);
  if (constant === null || fallback === null) ok = false;
  if (!ok) return undefined;
  return { where: formatPath(at), field, path, constant, fallback, options };
}

/** undefined when not given, null after reporting a value the field cannot hold. */
function readConstant(
  value: JsonValue | undefined,
  field: ScalarField,
  options: CoercionOptions,
  at: readonly PropertyKey[],
  report: Report,
): JsonValue | undefined | null {
  if (value === undefined) return undefined;
  const coerced = coerceToField(field, value, options);
  if ('error' in coerced) {
    report(at, `${field.name}: ${coerced.error}`);
    return null;
  }
  return coerced.value;
}

export function compileConditions(
  specs: readonly ConditionSpec[] | undefined,
  at: readonly PropertyKey[],
  report: Report,
): Condition[] {
  const conditions: Condition[] = [];
  (specs ?? []).forEach((spec, index) => {
    const field = compilePath(spec.field, [...at, index, 'field'], report);
    if (!field) return;
    if (spec.exists !== undefined) conditions.push({ field, exists: spec.exists });
    else if (spec.matches !== undefined) {
      try {
        conditions.push({ field, matches: new RegExp(spec.matches) });
      } catch (error) {
        report([...at, index, 'matches'], `not a regular expression: ${(error as Error).message}`);
      }
    } else conditions.push({ field, equals: spec.equals ?? null });
  });
  return conditions;
}
