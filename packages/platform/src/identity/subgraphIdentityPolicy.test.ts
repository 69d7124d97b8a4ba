import { describe, expect, it } from 'vitest';
import { isMemgateError } from '../errors/index.js';
import { subgraphIdentityPolicy } from './verifierConfig.js';

const SECRET = 'a-shared-secret-of-at-least-32-characters';
const open = {
  internalIdentitySecret: undefined,
  internalIdentityPublicKeyFile: undefined,
  internalIdentityRequired: false,
};

function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return isMemgateError(error) ? `${error.code}: ${error.message}` : String(error);
  }
  return 'started';
}

describe('subgraphIdentityPolicy', () => {
  it('leaves a development subgraph without a key open except for _entities and _service', () => {
    expect(subgraphIdentityPolicy({ ...open, environment: 'development' })).toEqual({
      key: undefined,
      required: false,
    });
  });

  it('requires the gateway identity on every request in production, or when asked to', () => {
    const production = subgraphIdentityPolicy({
      ...open,
      internalIdentitySecret: SECRET,
      environment: 'production',
    });
    expect(production.required).toBe(true);
    expect(production.key).toBeDefined();
    const asked = subgraphIdentityPolicy({
      ...open,
      internalIdentitySecret: SECRET,
      internalIdentityRequired: true,
      environment: 'development',
    });
    expect(asked.required).toBe(true);
  });

  it('refuses to start closed without a key to recognise the gateway', () => {
    expect(failure(() => subgraphIdentityPolicy({ ...open, environment: 'production' }))).toMatch(
      /^INVALID_CONFIG: Production needs MEMGATE_INTERNAL_IDENTITY_SECRET/,
    );
    expect(
      failure(() =>
        subgraphIdentityPolicy({
          ...open,
          internalIdentityRequired: true,
          environment: 'development',
        }),
      ),
    ).toMatch(/^INVALID_CONFIG: MEMGATE_INTERNAL_IDENTITY_REQUIRED=true needs/);
  });
});
