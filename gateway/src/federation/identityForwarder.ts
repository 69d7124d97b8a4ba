import {
  ExpiringMemo,
  INTERNAL_IDENTITY_TTL_SECONDS,
  signInternalIdentity,
  type InternalIdentity,
  type InternalIdentityKey,
} from '@memgate/platform/identity';
import type { Principal } from '../security/principal.js';

/** Signs the identity header for one subgraph call. */
export type IdentityForwarder = (principal: Principal, subgraph: string) => Promise<string>;

/** Past this many cached tokens the cache starts over; it only saves signing work. */
const MAX_CACHED = 10_000;

/**
 * Signing costs more than everything else the gateway adds to a subgraph
 * call, and a busy caller makes many calls a minute, so a token is reused
 * for the first half of its lifetime for the same caller and subgraph. The
 * second half is the margin for a slow call and clock skew.
 */
export function createIdentityForwarder(
  key: InternalIdentityKey,
  now: () => number = Date.now,
): IdentityForwarder {
  const cache = new ExpiringMemo<Promise<string>>(MAX_CACHED, now);
  const reuseMs = (INTERNAL_IDENTITY_TTL_SECONDS * 1000) / 2;
  return (principal, subgraph) => {
    const identity = identityOf(principal);
    const cacheKey = `${subgraph}\n${identityKey(principal)}`;
    const cached = cache.get(cacheKey);
    if (cached) return cached;
    const token = signInternalIdentity(identity, { key, audience: subgraph });
    cache.set(cacheKey, token, now() + reuseMs);
    // A failed signature must not stay cached.
    token.catch(() => cache.delete(cacheKey));
    return token;
  };
}

export function identityOf(principal: Principal): InternalIdentity {
  if (principal.kind === 'anonymous') return { subject: undefined, roles: [], scopes: [] };
  return { subject: principal.subject, roles: principal.roles, scopes: principal.scopes };
}

/** Equal for callers who look the same to a subgraph: same subject, roles and scopes. */
export function identityKey(principal: Principal): string {
  const identity = identityOf(principal);
  return JSON.stringify([identity.subject ?? null, identity.roles, identity.scopes]);
}
