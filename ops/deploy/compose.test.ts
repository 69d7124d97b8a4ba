import { readFile } from 'node:fs/promises';
import { environmentConfig, loadConfig } from '@memgate/platform/config';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { imagePinProblem } from '../support/images.js';
import { productionRequirements, unmetRequirements } from '../support/production-requirements.js';
import { composeSchema } from '../support/published-schemas.js';
import {
  allServiceVariables,
  mustBeSet,
  NOT_A_SERVICE_SETTING,
  ROLE_SPECS,
  variablesOf,
} from '../support/service-env.js';

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number | boolean | null>;
  labels?: Record<string, string>;
  profiles?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

const root = new URL('../../', import.meta.url);
let compose: ComposeFile;
let raw: unknown;

beforeAll(async () => {
  const text = await readFile(new URL('docker-compose.yml', root), 'utf8');
  // `merge: true` applies `<<:` the way Compose does, so each service shows its full environment.
  raw = parseYaml(text, { merge: true });
  compose = raw as ComposeFile;
});

/**
 * Compose's `${VAR}`, `${VAR-default}` and `${VAR:-default}` as `docker
 * compose up` sees them with `host` set in the shell (by default nothing).
 */
const interpolated = (
  value: string | number | boolean | null | undefined,
  host: Readonly<Record<string, string>> = {},
): string =>
  String(value ?? '').replace(
    /\$\{(\w+)(?:(:?)-([^}]*))?\}/g,
    (_m, name: string, colon?: string, fallback?: string) => {
      const given = host[name];
      return given === undefined || (colon === ':' && given === '') ? (fallback ?? '') : given;
    },
  );

/** The environment a Memgate service gets, with `host` set in the shell. */
const environmentOf = (
  role: string,
  host: Readonly<Record<string, string>> = {},
): Record<string, string> =>
  Object.fromEntries(
    Object.entries(compose.services[role]?.environment ?? {}).map(([name, value]) => [
      name,
      interpolated(value, host),
    ]),
  );

/** Whether Compose takes `name` from the shell: set there, it reaches the service unchanged. */
const passedThrough = (role: string, name: string): boolean =>
  environmentOf(role, { [name]: 'from-the-host' })[name] === 'from-the-host';

describe('docker-compose.yml', () => {
  it('validates against the Compose Specification schema', () => {
    expect(composeSchema()(raw)).toEqual([]);
  });

  it('pins every image to a tag other than latest', () => {
    const problems = Object.entries(compose.services).flatMap(([name, service]) => {
      if (!service.image) return [`${name}: no image`];
      const problem = imagePinProblem(service.image);
      return problem ? [`${name}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it('sets, for every Memgate service, each variable the service reads whose default does not fit a container', () => {
    expect(Object.keys(ROLE_SPECS).every((role) => role in compose.services)).toBe(true);
    const missing = Object.keys(ROLE_SPECS).flatMap((role) => {
      const environment = compose.services[role]?.environment ?? {};
      expect(environment['MEMGATE_ROLE']).toBe(role);
      return variablesOf(role)
        .filter(mustBeSet)
        .filter((variable) => interpolated(environment[variable.name]) === '')
        .map((variable) => `${role}: ${variable.name}`);
    });
    expect(missing).toEqual([]);
  });

  it('gives every value a Memgate service would accept, and sets no variable no service reads', () => {
    const known = allServiceVariables();
    for (const role of Object.keys(ROLE_SPECS)) {
      const environment = environmentOf(role);
      for (const spec of ROLE_SPECS[role] ?? [])
        expect(() => loadConfig(spec, environment)).not.toThrow();
      const stale = Object.keys(environment).filter(
        (name) => !known.has(name) && !NOT_A_SERVICE_SETTING.has(name),
      );
      expect(stale, role).toEqual([]);
    }
  });

  it('runs in development with nothing set in the shell, and in production with what production requires passed from the shell', async () => {
    const requirements = await productionRequirements();
    const environmentName = environmentConfig.environment.name;
    const problems: string[] = [];
    for (const role of Object.keys(ROLE_SPECS)) {
      expect(loadConfig(environmentConfig, environmentOf(role)).environment, role).toBe(
        'development',
      );
      expect(passedThrough(role, environmentName), role).toBe(true);
      // The shell sets one variable of each requirement, the first Compose passes through.
      const host: Record<string, string> = { [environmentName]: 'production' };
      for (const { names, problem } of requirements[role] ?? []) {
        const name = names.find((n) => passedThrough(role, n));
        if (name) host[name] = 'from-the-host';
        else
          problems.push(`${role}: none of ${names.join(', ')} comes from the shell (${problem})`);
      }
      const environment = environmentOf(role, host);
      expect(loadConfig(environmentConfig, environment).environment, role).toBe('production');
      problems.push(
        ...unmetRequirements(requirements[role] ?? [], (name) => Boolean(environment[name])).map(
          (p) => `${role}: ${p}`,
        ),
      );
    }
    expect(problems).toEqual([]);
  });

  it('labels the Memgate services so Filebeat ships their logs, and no other container', () => {
    const shipped = Object.entries(compose.services)
      .filter(([, service]) => service.labels?.['dev.memgate.service'] !== undefined)
      .map(([name]) => name)
      .sort();
    expect(shipped).toEqual(Object.keys(ROLE_SPECS).sort());
  });

  it('is scraped by Prometheus at each Memgate service’s port, without renaming its service label', async () => {
    const prometheus = parseYaml(
      await readFile(new URL('deploy/prometheus/prometheus.yml', root), 'utf8'),
    ) as {
      scrape_configs: {
        job_name: string;
        metrics_path?: string;
        static_configs: { targets: string[]; labels?: Record<string, string> }[];
      }[];
    };
    for (const role of Object.keys(ROLE_SPECS)) {
      const job = prometheus.scrape_configs.find((c) => c.job_name === `memgate-${role}`);
      const port = environmentOf(role)[`MEMGATE_${role.toUpperCase()}_PORT`];
      expect(job?.metrics_path, role).toBe('/metrics');
      expect(
        job?.static_configs.flatMap((c) => c.targets),
        role,
      ).toEqual([`${role}:${port}`]);
      // The registry labels every series service="…"; a target label would clash.
      expect(
        job?.static_configs.some((c) => c.labels?.['service'] !== undefined),
        role,
      ).toBe(false);
    }
  });
});
