import { createGateway, gatewayConfigSpec } from '@memgate/gateway';
import { createIngestionSubgraph, ingestionConfig } from '@memgate/ingestion';
import { createQuerySubgraph, queryConfig } from '@memgate/query';
import { loadConfig } from '@memgate/platform/config';
import { isMemgateError } from '@memgate/platform/errors';
import { createLogger } from '@memgate/platform/logging';
import { variablesOf } from './service-env.js';

/**
 * Variables of which a role needs exactly one set in production, with the
 * service's own words for it: the JWKS URL or inline keys or a keys file;
 * the internal identity secret or key file; the issuer alone.
 */
export interface Requirement {
  readonly names: readonly string[];
  readonly problem: string;
}

const PRODUCTION = { MEMGATE_ENV: 'production' } as const;
const logger = createLogger({ service: 'ops-production-requirements', level: 'silent' });

/**
 * What each role refuses to start without in production, read from the
 * services' own start-up checks rather than restated here: each runs on an
 * environment that sets MEMGATE_ENV=production and nothing else, and every
 * problem it reports becomes one requirement of the variables it names.
 * Every check runs before anything connects or listens.
 */
export async function productionRequirements(): Promise<Record<string, Requirement[]>> {
  const gateway = await refusalOf('gateway', () =>
    Promise.resolve(createGateway({ config: loadConfig(gatewayConfigSpec, PRODUCTION), logger })),
  );
  const ingestion = await refusalOf('ingestion', () =>
    createIngestionSubgraph({
      config: loadConfig(ingestionConfig, PRODUCTION),
      logger,
      engine: { uri: 'bolt://never-connected:7687' },
      kafkaBrokers: [],
    }),
  );
  const query = await refusalOf('query', () =>
    createQuerySubgraph({
      config: loadConfig(queryConfig, PRODUCTION),
      logger,
      engine: { uri: 'bolt://never-connected:7687' },
    }),
  );
  // The workers take no calls, so they check no caller's identity.
  return { gateway, query, ingestion, worker: [] };
}

/** The requirements in the INVALID_CONFIG error `start` fails with; none if it starts. */
async function refusalOf(role: string, start: () => Promise<unknown>): Promise<Requirement[]> {
  const reads = new Set(variablesOf(role).map((variable) => variable.name));
  try {
    await start();
    return [];
  } catch (error) {
    if (!isMemgateError(error) || error.code !== 'INVALID_CONFIG') throw error;
    const listed = error.details['problems'];
    const problems = Array.isArray(listed) ? listed.map(String) : [error.message];
    return problems.map((problem) => ({
      names: [...new Set(problem.match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g) ?? [])].filter(
        (name) => reads.has(name),
      ),
      problem,
    }));
  }
}

/**
 * How `requirements` fail when `isSet` tells which variables are set: none
 * of a requirement's variables, or more than one (the services refuse both).
 */
export function unmetRequirements(
  requirements: readonly Requirement[],
  isSet: (name: string) => boolean,
): string[] {
  return requirements.flatMap(({ names, problem }) => {
    const set = names.filter(isSet);
    if (set.length === 1) return [];
    const what =
      set.length > 1
        ? `${set.join(' and ')} are all set`
        : names.length === 1
          ? `${names[0] ?? ''} is unset`
          : `none of ${names.join(', ')} is set`;
    return [`${what} (the service: ${problem})`];
  });
}
