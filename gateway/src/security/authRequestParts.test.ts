import { describe, expect, it } from 'vitest';
import { AuthenticationError, tokenRequired } from './authenticationError.js';
import { bearerTokenOf } from './bearerToken.js';
import { rolesOf, scopesOf } from './claims.js';
import { ANONYMOUS, holdsAnyOf, type UserPrincipal } from './principal.js';

describe('bearerTokenOf', () => {
  it('takes the token of a Bearer authorization, and nothing from an absent one', () => {
    expect(bearerTokenOf('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerTokenOf('bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerTokenOf(undefined)).toBeUndefined();
    expect(bearerTokenOf('')).toBeUndefined();
  });

  it('refuses other schemes as invalid_request rather than ignoring them', () => {
    expect(() => bearerTokenOf('Basic dXNlcjpwYXNz')).toThrow(
      expect.objectContaining({ bearerError: 'invalid_request' }),
    );
    expect(() => bearerTokenOf('Bearer two tokens')).toThrow(AuthenticationError);
  });
});

describe('WWW-Authenticate challenges (RFC 6750 §3)', () => {
  it('carry error and description for a bad token', () => {
    const error = new AuthenticationError('The access token expired.', 'invalid_token');
    expect(error.challenge()).toBe(
      'Bearer realm="memgate", error="invalid_token", error_description="The access token expired."',
    );
  });

  it('carry no error code when the request had no credentials at all', () => {
    expect(tokenRequired().challenge()).toBe('Bearer realm="memgate"');
  });

  it('keep the description within the characters the RFC allows', () => {
    const error = new AuthenticationError('The "aud" claim\\ is wrong – really', 'invalid_token');
    expect(error.challenge()).toContain(`error_description="The 'aud' claim' is wrong  really"`);
  });
});

describe('claims', () => {
  it('reads roles at a dotted path or a namespaced claim, as a list or a string', () => {
    expect(rolesOf({ roles: ['A', 'B'] }, 'roles')).toEqual(['A', 'B']);
    expect(rolesOf({ realm_access: { roles: ['A'] } }, 'realm_access.roles')).toEqual(['A']);
    expect(rolesOf({ 'https://memgate.dev/roles': 'A B' }, 'https://memgate.dev/roles')).toEqual([
      'A',
      'B',
    ]);
    expect(rolesOf({ roles: [1, 'A', null] }, 'roles')).toEqual(['A']);
    expect(rolesOf({}, 'roles')).toEqual([]);
  });

  it('reads scopes from scope and scp', () => {
    expect(scopesOf({ scope: 'a b', scp: ['c'] })).toEqual(['a', 'b', 'c']);
  });
});

describe('holdsAnyOf', () => {
  const user: UserPrincipal = {
    kind: 'user',
    subject: 's',
    roles: ['ANALYST'],
    scopes: ['WRITER'],
    expiresAt: 0,
  };

  it('is met by a role or a scope, and never by an anonymous caller', () => {
    expect(holdsAnyOf(user, ['ANALYST', 'ADMIN'])).toBe(true);
    expect(holdsAnyOf(user, ['WRITER'])).toBe(true);
    expect(holdsAnyOf(user, ['ADMIN'])).toBe(false);
    expect(holdsAnyOf(ANONYMOUS, ['ADMIN'])).toBe(false);
  });
});
