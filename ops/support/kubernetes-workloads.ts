import type { KubernetesObject } from './kustomize.js';

export interface Container {
  name: string;
  image?: string;
  env?: EnvEntry[];
  envFrom?: {
    configMapRef?: { name: string };
    secretRef?: { name: string; optional?: boolean };
  }[];
  ports?: { name?: string; containerPort: number }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
}
interface EnvEntry {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
export interface Probe {
  httpGet?: { path: string; port: string | number };
}
export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
}

export function podSpecOf(o: KubernetesObject): PodSpec | undefined {
  const spec = o['spec'] as Record<string, unknown> | undefined;
  if (o.kind === 'CronJob') {
    return (spec?.['jobTemplate'] as { spec: { template: { spec: PodSpec } } }).spec.template.spec;
  }
  return (spec?.['template'] as { spec?: PodSpec } | undefined)?.spec;
}

/** The MEMGATE_ROLE a Deployment runs, if it is a Memgate service. */
export function memgateRole(o: KubernetesObject): string | undefined {
  if (o.kind !== 'Deployment') return undefined;
  const env = podSpecOf(o)?.containers[0]?.env ?? [];
  return env.find((e) => e.name === 'MEMGATE_ROLE')?.value;
}

/** Where a container's variable comes from. */
export type EnvSource =
  | { from: 'configMap'; name: string; value: string }
  | { from: 'value'; value: string }
  | { from: 'secret'; name: string; key: string; optional: boolean };

/**
 * A container's environment as Kubernetes assembles it: `envFrom` first,
 * then `env` over it. ConfigMaps must be among `objects`; Secrets usually
 * are not (production creates them out of band), so a `secretKeyRef` is
 * recorded by reference, and an `envFrom` Secret contributes the keys of
 * its rendered copy only.
 */
export function containerEnvironment(
  container: Container,
  objects: readonly KubernetesObject[],
): { environment: Map<string, EnvSource>; problems: string[] } {
  const environment = new Map<string, EnvSource>();
  const problems: string[] = [];
  const find = (kind: string, name: string): KubernetesObject | undefined =>
    objects.find((o) => o.kind === kind && o.metadata.name === name);
  for (const { configMapRef, secretRef } of container.envFrom ?? []) {
    if (configMapRef) {
      const configMap = find('ConfigMap', configMapRef.name);
      if (!configMap) problems.push(`ConfigMap ${configMapRef.name} is not rendered`);
      const data = (configMap?.['data'] ?? {}) as Record<string, string>;
      for (const [key, value] of Object.entries(data))
        environment.set(key, { from: 'configMap', name: configMapRef.name, value });
    }
    if (secretRef) {
      const secret = find('Secret', secretRef.name);
      const data = { ...(secret?.['data'] ?? {}), ...(secret?.['stringData'] ?? {}) };
      const optional = secretRef.optional ?? false;
      for (const key of Object.keys(data))
        environment.set(key, { from: 'secret', name: secretRef.name, key, optional });
    }
  }
  for (const { name, value, valueFrom } of container.env ?? []) {
    const ref = valueFrom?.secretKeyRef;
    if (valueFrom && !ref) problems.push(`${name}: only secretKeyRef is understood in valueFrom`);
    environment.set(
      name,
      ref
        ? { from: 'secret', name: ref.name, key: ref.key, optional: ref.optional ?? false }
        : { from: 'value', value: value ?? '' },
    );
  }
  return { environment, problems };
}

/**
 * Whether a variable is certainly set when the pod starts: a non-empty value,
 * or a required Secret key (the pod does not start without it).
 */
export function isProvided(source: EnvSource | undefined): boolean {
  if (!source) return false;
  return source.from === 'secret' ? !source.optional : source.value !== '';
}

/** The plain values of an environment, as a service's loadConfig reads them (Secrets left out). */
export function plainValues(environment: Map<string, EnvSource>): Record<string, string> {
  return Object.fromEntries(
    [...environment].flatMap(([name, source]) =>
      source.from === 'secret' ? [] : [[name, source.value]],
    ),
  );
}
