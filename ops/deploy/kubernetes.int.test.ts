import { gatewayConfigSpec } from '@memgate/gateway';
import { environmentConfig, loadConfig } from '@memgate/platform/config';
import { beforeAll, describe, expect, it } from 'vitest';
import { imagePinProblem } from '../support/images.js';
import {
  containerEnvironment,
  isProvided,
  memgateRole,
  plainValues,
  podSpecOf,
  type EnvSource,
} from '../support/kubernetes-workloads.js';
import { kustomizeOverlays, type KubernetesObject } from '../support/kustomize.js';
import { productionRequirements, unmetRequirements } from '../support/production-requirements.js';
import { KubernetesSchemas } from '../support/published-schemas.js';
import {
  mustBeSet,
  NOT_A_SERVICE_SETTING,
  ROLE_SPECS,
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

let rendered = new Map<string, KubernetesObject[]>();

beforeAll(async () => {
  rendered = await kustomizeOverlays(K8S);
}, 600_000);

const all = (): [string, KubernetesObject][] =>
  [...rendered].flatMap(([overlay, objects]) =>
    objects.map((o) => [overlay, o] as [string, KubernetesObject]),
  );
const label = (overlay: string, o: KubernetesObject): string =>
  `${overlay} ${o.kind}/${o.metadata.name}`;

interface Service {
  overlay: string;
  role: string;
  deployment: KubernetesObject;
  environment: Map<string, EnvSource>;
  /** Problems met while reading the environment (a ConfigMap not rendered…). */
  problems: string[];
}

/** Every Memgate Deployment of every overlay, with its first container's environment. */
function memgateServices(): Service[] {
  return [...rendered].flatMap(([overlay, objects]) =>
    objects.filter(memgateRole).map((deployment) => {
      const container = podSpecOf(deployment)?.containers[0];
      const { environment, problems } = container
        ? containerEnvironment(container, objects)
        : { environment: new Map<string, EnvSource>(), problems: ['no container'] };
      return { overlay, role: memgateRole(deployment) ?? '', deployment, environment, problems };
    }),
  );
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
    for (const { overlay, role, environment, problems: unreadable } of memgateServices()) {
      problems.push(...unreadable.map((p) => `${overlay} ${role}: ${p}`));
      // A Secret reference counts as set: production creates those Secrets out of band.
      for (const variable of variablesOf(role).filter(mustBeSet)) {
        if (!isProvided(environment.get(variable.name)))
          problems.push(`${overlay} ${role}: ${variable.name} unset`);
      }
      for (const name of environment.keys()) {
        if (!known.has(name) && !NOT_A_SERVICE_SETTING.has(name))
          problems.push(`${overlay} ${role}: ${name} is read by no service`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('give every Memgate role values it accepts', () => {
    const problems: string[] = [];
    for (const { overlay, role, environment } of memgateServices()) {
      for (const spec of ROLE_SPECS[role] ?? []) {
        try {
          loadConfig(spec, plainValues(environment));
        } catch (error) {
          problems.push(`${overlay} ${role}: ${String(error)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('give each role of a production overlay what production requires of it, from the ConfigMap or a Secret', async () => {
    const requirements = await productionRequirements();
    const problems: string[] = [];
    const production = memgateServices().filter(
      ({ environment }) =>
        loadConfig(environmentConfig, plainValues(environment)).environment === 'production',
    );
    expect([...new Set(production.map((s) => s.overlay))]).toEqual(['prod']);
    for (const { overlay, role, environment } of production) {
      const unmet = unmetRequirements(requirements[role] ?? [], (name) =>
        isProvided(environment.get(name)),
      );
      problems.push(...unmet.map((p) => `${overlay} ${role}: ${p}`));
    }
    expect(problems).toEqual([]);
  });

  it('give every role that holds the internal identity secret the same one, from a Secret', async () => {
    // The gateway signs with it and the subgraphs verify with it: one value.
    const name = gatewayConfigSpec.internalIdentitySecret.name;
    const requirements = await productionRequirements();
    const holders = Object.keys(requirements).filter((role) =>
      requirements[role]?.some((requirement) => requirement.names.includes(name)),
    );
    expect(holders.sort()).toEqual(['gateway', 'ingestion', 'query']);
    for (const overlay of rendered.keys()) {
      const sources = memgateServices()
        .filter((s) => s.overlay === overlay && holders.includes(s.role))
        .map((s) => s.environment.get(name));
      if (sources.every((source) => source === undefined)) continue;
      expect(sources[0], overlay).toMatchObject({ from: 'secret', optional: false });
      for (const source of sources) expect(source, overlay).toEqual(sources[0]);
    }
  });

  it('keep every secret a service reads out of ConfigMaps and plain values', () => {
    const problems: string[] = [];
    for (const { overlay, role, environment } of memgateServices()) {
      for (const variable of variablesOf(role).filter((v) => v.secret)) {
        const source = environment.get(variable.name);
        if (source && source.from !== 'secret' && source.value !== '')
          problems.push(`${overlay} ${role}: ${variable.name} is not read from a Secret`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('probe the services’ real health endpoints on their configured ports', () => {
    const problems: string[] = [];
    for (const service of memgateServices()) {
      const { overlay, role, deployment } = service;
      const container = podSpecOf(deployment)?.containers[0];
      const port = container?.ports?.find((p) => p.name === 'http')?.containerPort;
      if (port !== configuredPort(service))
        problems.push(`${overlay} ${role}: http port ${port} is not ${configuredPort(service)}`);
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
    expect(problems).toEqual([]);
  });

  it('announce /metrics to Prometheus and expose the services through their Services on their configured ports', () => {
    for (const service of memgateServices()) {
      const { overlay, role, deployment } = service;
      const where = `${overlay} ${role}`;
      const port = configuredPort(service);
      const template = (deployment['spec'] as { template: { metadata?: { annotations?: object } } })
        .template;
      expect(template.metadata?.annotations, where).toMatchObject({
        'prometheus.io/scrape': 'true',
        'prometheus.io/port': String(port),
        'prometheus.io/path': '/metrics',
      });
      const k8sService = rendered
        .get(overlay)
        ?.find((o) => o.kind === 'Service' && o.metadata.name === deployment.metadata.name);
      expect((k8sService?.['spec'] as { ports?: unknown } | undefined)?.ports, where).toEqual([
        { name: 'http', port, targetPort: 'http' },
      ]);
    }
  });
});

/** The port a role listens on, from its MEMGATE_<ROLE>_PORT. */
function configuredPort({ role, environment }: Service): number {
  const source = environment.get(`MEMGATE_${role.toUpperCase()}_PORT`);
  return source?.from === 'secret' || !source ? NaN : Number(source.value);
}
