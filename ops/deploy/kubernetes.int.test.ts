import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { imagePinProblem } from '../support/images.js';
import { kustomizeBuild, type KubernetesObject } from '../support/kustomize.js';
import { KubernetesSchemas } from '../support/published-schemas.js';
import {
  mustBeSet,
  NOT_A_SERVICE_SETTING,
  allServiceVariables,
  variablesOf,
} from '../support/service-env.js';

/**
 * Every overlay rendered by kustomize (the version CI uses) and each object
 * checked against Kubernetes' strict schemas for the oldest and newest
 * release we support. Custom resources (Strimzi, ECK) have no schema there;
 * they are listed and checked for the fields every object needs.
 */
const K8S = new URL('../../k8s/', import.meta.url);
const KUBERNETES_RELEASES = ['1.30.0', '1.37.0'];
const CUSTOM_RESOURCE_GROUPS = [
  'cert-manager.io',
  'kafka.strimzi.io',
  'elasticsearch.k8s.elastic.co',
  'kibana.k8s.elastic.co',
];

const rendered = new Map<string, KubernetesObject[]>();

beforeAll(async () => {
  for (const overlay of await readdir(new URL('overlays/', K8S))) {
    rendered.set(overlay, await kustomizeBuild(fileURLToPath(new URL(`overlays/${overlay}`, K8S))));
  }
}, 600_000);

const all = (): [string, KubernetesObject][] =>
  [...rendered].flatMap(([overlay, objects]) =>
    objects.map((o) => [overlay, o] as [string, KubernetesObject]),
  );
const label = (overlay: string, o: KubernetesObject): string =>
  `${overlay} ${o.kind}/${o.metadata.name}`;

interface Container {
  name: string;
  image?: string;
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
}

function podSpecOf(o: KubernetesObject): PodSpec | undefined {
  const spec = o['spec'] as Record<string, unknown> | undefined;
  if (o.kind === 'CronJob') {
    return (spec?.['jobTemplate'] as { spec: { template: { spec: PodSpec } } }).spec.template.spec;
  }
  return (spec?.['template'] as { spec?: PodSpec } | undefined)?.spec;
}

function memgateRole(o: KubernetesObject): string | undefined {
  if (o.kind !== 'Deployment') return undefined;
  const env = podSpecOf(o)?.containers[0]?.env ?? [];
  return env.find((e) => e.name === 'MEMGATE_ROLE')?.value;
}

describe('Kubernetes manifests', () => {
  it('render for every overlay', () => {
    expect([...rendered.keys()].sort()).toEqual(['dev', 'prod']);
    for (const objects of rendered.values()) expect(objects.length).toBeGreaterThan(10);
  });

  it.each(KUBERNETES_RELEASES)(
    'validate against the strict schemas of Kubernetes %s',
    (release) => {
      const schemas = new KubernetesSchemas(release);
      const problems: string[] = [];
      for (const [overlay, o] of all()) {
        const check = schemas.schemaFor(o.apiVersion, o.kind);
        if (check) {
          problems.push(...check(o).map((p) => `${label(overlay, o)}: ${p}`));
        } else if (!CUSTOM_RESOURCE_GROUPS.includes(o.apiVersion.split('/')[0] ?? '')) {
          problems.push(`${label(overlay, o)}: no schema for ${o.apiVersion}`);
        } else if (!o.metadata.name) {
          problems.push(`${label(overlay, o)}: no name`);
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it('pin every container image to a tag other than latest', () => {
    const problems = all().flatMap(([overlay, o]) => {
      const spec = podSpecOf(o);
      const containers = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
      const images = containers.map((c) => c.image ?? '');
      if (o.kind === 'Elasticsearch' || o.kind === 'Kibana') {
        images.push(
          `${o.kind.toLowerCase()}:${String((o['spec'] as { version?: string }).version)}`,
        );
      }
      return images.flatMap((image) => {
        const problem = imagePinProblem(image);
        return problem ? [`${label(overlay, o)}: ${problem}`] : [];
      });
    });
    expect(problems).toEqual([]);
  });

  it('run all four Memgate roles in every overlay', () => {
    for (const [overlay, objects] of rendered) {
      expect(objects.map(memgateRole).filter(Boolean).sort(), overlay).toEqual([
        'gateway',
        'ingestion',
        'query',
        'worker',
      ]);
    }
  });

  it('set, for every Memgate role, each variable it reads whose default does not fit a container', () => {
    const problems: string[] = [];
    const known = allServiceVariables();
    for (const [overlay, objects] of rendered) {
      const configMaps = new Map(
        objects
          .filter((o) => o.kind === 'ConfigMap')
          .map((o) => [o.metadata.name, (o['data'] ?? {}) as Record<string, string>]),
      );
      const secrets = new Map(
        objects.filter((o) => o.kind === 'Secret').map((o) => [o.metadata.name, o]),
      );
      for (const deployment of objects.filter(memgateRole)) {
        const role = memgateRole(deployment) ?? '';
        const container = podSpecOf(deployment)?.containers[0];
        const environment = new Map<string, string>();
        for (const source of container?.envFrom ?? []) {
          const data = source.configMapRef ? configMaps.get(source.configMapRef.name) : undefined;
          if (source.configMapRef && !data)
            problems.push(
              `${overlay} ${role}: ConfigMap ${source.configMapRef.name} is not rendered`,
            );
          for (const [key, value] of Object.entries(data ?? {})) environment.set(key, value);
        }
        for (const variable of container?.env ?? []) {
          // A secretKeyRef counts as set: production creates those Secrets out of band.
          environment.set(
            variable.name,
            variable.value ?? (variable.valueFrom ? '<from secret>' : ''),
          );
        }
        for (const variable of variablesOf(role).filter(mustBeSet)) {
          if (!environment.get(variable.name))
            problems.push(`${overlay} ${role}: ${variable.name} unset`);
        }
        for (const name of environment.keys()) {
          if (!known.has(name) && !NOT_A_SERVICE_SETTING.has(name))
            problems.push(`${overlay} ${role}: ${name} is read by no service`);
        }
        expect(secrets).toBeDefined();
      }
    }
    expect(problems).toEqual([]);
  });

  it('probe the services’ real health endpoints on their configured ports', () => {
    const problems: string[] = [];
    for (const [overlay, objects] of rendered) {
      const config = objects.find(
        (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('memgate-config'),
      )?.['data'] as Record<string, string>;
      for (const deployment of objects.filter(memgateRole)) {
        const role = memgateRole(deployment) ?? '';
        const container = podSpecOf(deployment)?.containers[0];
        const port = container?.ports?.find((p) => p.name === 'http')?.containerPort;
        const expectedPort =
          role === 'worker' ? 4003 : Number(config[`MEMGATE_${role.toUpperCase()}_PORT`]);
        if (port !== expectedPort)
          problems.push(`${overlay} ${role}: http port ${port} is not ${expectedPort}`);
        const probes = {
          liveness: container?.livenessProbe,
          readiness: container?.readinessProbe,
          startup: container?.startupProbe,
        };
        const paths = { liveness: '/healthz', readiness: '/readyz', startup: '/healthz' };
        for (const [kind, probe] of Object.entries(probes)) {
          const expected = paths[kind as keyof typeof paths];
          if (probe?.httpGet?.path !== expected || probe.httpGet.port !== 'http') {
            problems.push(
              `${overlay} ${role}: ${kind} probe ${JSON.stringify(probe?.httpGet)} is not GET ${expected} on http`,
            );
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
