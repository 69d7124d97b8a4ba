/**
 * A field value as it travels through Kafka: what GraphQL coerced the input
 * to (DateTime as an ISO string, BigInt as a decimal string), JSON-safe.
 * Conversion to Bolt types happens only at the write edge.
 */
export type JsonScalar = string | number | boolean;
export type JsonValue = JsonScalar | null | readonly JsonValue[];

export function isJsonScalar(value: unknown): value is JsonScalar {
  return typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value);
}
