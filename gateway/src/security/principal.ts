/**
 * Who is calling. Everything downstream — the anonymous-access policy, the
 * RBAC rules, the rate limiter, the identity forwarded to subgraphs — reads
 * this one value, whatever transport the operation came over.
 */
export type Principal = AnonymousPrincipal | UserPrincipal;

export interface AnonymousPrincipal {
  readonly kind: 'anonymous';
}

export interface UserPrincipal {
  readonly kind: 'user';
  /** The token's `sub`. */
  readonly subject: string;
  readonly roles: readonly string[];
  readonly scopes: readonly string[];
  /** When the access token expires, in seconds since the epoch. */
  readonly expiresAt: number;
}

export const ANONYMOUS: AnonymousPrincipal = Object.freeze({ kind: 'anonymous' });

/**
 * Whether the principal holds one of `required`, as a role or as a scope:
 * identity providers put grants in either, and an `@auth(requires:)` list
 * names grants without caring which claim carried them.
 */
export function holdsAnyOf(principal: Principal, required: readonly string[]): boolean {
  if (principal.kind !== 'user') return false;
  return required.some(
    (grant) => principal.roles.includes(grant) || principal.scopes.includes(grant),
  );
}

/** Where the HTTP layer leaves the caller, in `res.locals`, for the GraphQL context. */
export const PRINCIPAL_LOCAL = 'principal';

export function principalOf(locals: Record<string, unknown>): Principal {
  const principal = locals[PRINCIPAL_LOCAL] as Principal | undefined;
  return principal ?? ANONYMOUS;
}
