import { z } from 'zod';

/**
 * The shape of a mapping file, checked before anything else so that every
 * later step reads well-formed data. What the names mean (node types,
 * fields, relationship types) is checked against the graph model by
 * `compileMapping`.
 */
const jsonScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const jsonValue = z.union([jsonScalar, z.array(jsonScalar)]);
const path = z.string({ error: 'expected a field path such as a.b[0].c' }).min(1);

/** A shorthand string is a path: `name: full_name` is `name: { path: full_name }`. */
export const valueSpec = z.preprocess(
  (value) => (typeof value === 'string' ? { path: value } : value),
  z
    .strictObject(
      {
        path: path.optional(),
        value: jsonValue.optional(),
        default: jsonValue.optional(),
        format: z.string().min(1).optional(),
        split: z.string().min(1).optional(),
      },
      { error: 'expected a field path, or { path | value, default, format, split }' },
    )
    .refine((spec) => (spec.path === undefined) !== (spec.value === undefined), {
      message: 'give exactly one of path (read from the record) and value (a constant)',
    }),
);

export const conditionSpec = z
  .strictObject(
    {
      field: path,
      equals: jsonScalar.optional(),
      exists: z.boolean().optional(),
      matches: z.string().optional(),
    },
    { error: 'expected a condition { field, equals | exists | matches }' },
  )
  .refine(
    (spec) =>
      ['equals' in spec, spec.exists !== undefined, spec.matches !== undefined].filter(Boolean)
        .length === 1,
    { message: 'give exactly one of equals, exists and matches' },
  );

const conditions = z.array(conditionSpec);
const alias = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a name: letters, digits and _');
const values = z.record(z.string(), valueSpec);

export const nodeSpec = z.strictObject({
  as: alias,
  type: z.string().min(1),
  forEach: path.optional(),
  when: conditions.optional(),
  key: values,
  properties: values.optional(),
});

export const relationshipSpec = z.strictObject({
  type: z.string().min(1),
  from: alias,
  to: alias,
  when: conditions.optional(),
  properties: values.optional(),
});

export const mappingSpec = z.strictObject({
  source: z
    .string()
    .regex(
      /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,100}$/,
      'must be letters, digits, ".", "_" or "-": it names a Kafka topic',
    ),
  description: z.string().optional(),
  /** An existing Kafka topic whose messages (JSON values) are this source's records. */
  topic: z
    .string()
    .regex(
      /^[A-Za-z0-9._-]{1,249}$/,
      'must be a Kafka topic name: letters, digits, ".", "_" or "-"',
    )
    .optional(),
  /** The consumer group reading `topic`; the workers' own group when absent. */
  groupId: z.string().min(1).max(255).optional(),
  strict: z.boolean().optional(),
  hook: z.string().min(1).optional(),
  keep: conditions.optional(),
  drop: conditions.optional(),
  nodes: z.array(nodeSpec).min(1, 'a mapping produces at least one node'),
  relationships: z.array(relationshipSpec).optional(),
});

export type ValueSpec = z.infer<typeof valueSpec>;
export type ConditionSpec = z.infer<typeof conditionSpec>;
export type NodeSpec = z.infer<typeof nodeSpec>;
export type RelationshipSpec = z.infer<typeof relationshipSpec>;
export type MappingSpec = z.infer<typeof mappingSpec>;
