import { describe, expect, it } from 'vitest';
import {
  productionRequirements,
  unmetRequirements,
  type Requirement,
} from './production-requirements.js';

/** Each requirement's variables, in an order that does not depend on the service's wording. */
const namesOf = (requirements: readonly Requirement[] | undefined): string[][] =>
  (requirements ?? []).map((requirement) => [...requirement.names].sort()).sort();

describe('what production requires, as the services’ start-up checks say', () => {
  it('is, for the gateway, the internal identity key and a verifiable client token', async () => {
    const { gateway } = await productionRequirements();
    expect(namesOf(gateway)).toEqual([
      ['MEMGATE_AUTH_AUDIENCE'],
      ['MEMGATE_AUTH_ISSUER'],
      ['MEMGATE_AUTH_JWKS_URL', 'MEMGATE_AUTH_PUBLIC_KEYS', 'MEMGATE_AUTH_PUBLIC_KEYS_FILE'],
      ['MEMGATE_INTERNAL_IDENTITY_PRIVATE_KEY_FILE', 'MEMGATE_INTERNAL_IDENTITY_SECRET'],
    ]);
  });

  it('is, for each subgraph, the key that verifies the gateway’s identity, and nothing for the workers', async () => {
    const { query, ingestion, worker } = await productionRequirements();
    for (const subgraph of [query, ingestion]) {
      expect(namesOf(subgraph)).toEqual([
        ['MEMGATE_INTERNAL_IDENTITY_PUBLIC_KEY_FILE', 'MEMGATE_INTERNAL_IDENTITY_SECRET'],
      ]);
    }
    expect(worker).toEqual([]);
  });

  it('is met by exactly one variable of each requirement', () => {
    const requirements = [
      { names: ['A_KEY', 'A_KEY_FILE'], problem: 'A_KEY or A_KEY_FILE' },
      { names: ['B_ISSUER'], problem: 'B_ISSUER must be set' },
    ];
    expect(unmetRequirements(requirements, (name) => ['A_KEY', 'B_ISSUER'].includes(name))).toEqual(
      [],
    );
    expect(unmetRequirements(requirements, () => false)).toEqual([
      'none of A_KEY, A_KEY_FILE is set (the service: A_KEY or A_KEY_FILE)',
      'B_ISSUER is unset (the service: B_ISSUER must be set)',
    ]);
    expect(unmetRequirements(requirements, () => true)).toEqual([
      'A_KEY and A_KEY_FILE are all set (the service: A_KEY or A_KEY_FILE)',
    ]);
  });
});
