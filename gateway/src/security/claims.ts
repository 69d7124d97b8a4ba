import type { JWTPayload } from 'jose';

/**
 * Reads a claim by a dotted path, e.g. `realm_access.roles` for Keycloak or
 * `https://memgate.dev/roles` (a namespaced claim, tried whole first).
 */
function claimAt(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  let current: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** A list claim as an array of strings, or a space-separated string (RFC 8693 `scope`). */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((item) => item.length > 0);
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

export function rolesOf(payload: JWTPayload, rolesClaim: string): string[] {
  return stringsOf(claimAt(payload, rolesClaim));
}

/** OAuth2 scopes: `scope` (RFC 8693, space-separated) or `scp` (an array, e.g. Entra ID). */
export function scopesOf(payload: JWTPayload): string[] {
  return [...stringsOf(payload['scope']), ...stringsOf(payload['scp'])];
}
