import { beforeAll, describe, expect, it } from 'vitest';
import { memgateRole } from '../support/kubernetes-workloads.js';
import { kustomizeOverlays, type KubernetesObject } from '../support/kustomize.js';
import {
  deniesAllIngress,
  ingressAllowed,
  isolates,
  podsOf,
  selects,
  visitor,
  type Pod,
} from '../support/network-policies.js';

/**
 * The NetworkPolicies of every overlay, evaluated against the pods the
 * overlay renders: each Service's target port is open to the pods that
 * need it and closed to the rest. Sources are named by their pods'
 * app.kubernetes.io/name, or are one of the VISITORS below.
 */
const K8S = new URL('../../k8s/', import.meta.url);

const ANYWHERE = 'a pod of another namespace';
const NEIGHBOUR = 'an unlabelled pod of the namespace';
const PRODUCER = 'an ingest producer of another namespace';
const PROMETHEUS = 'Prometheus';

const VISITORS: Record<string, (namespace: string) => Pod> = {
  [ANYWHERE]: () => visitor('ingress-nginx'),
  [NEIGHBOUR]: (namespace) => visitor(namespace),
  [PRODUCER]: () => visitor('billing', { 'memgate.dev/ingest-producer': 'true' }),
  [PROMETHEUS]: () => visitor('monitoring', { 'app.kubernetes.io/name': 'prometheus' }),
};

const SERVICES = ['memgate-gateway', 'memgate-query', 'memgate-ingestion', 'memgate-worker'];
const BOLT_CLIENTS = ['memgate-query', 'memgate-ingestion', 'memgate-worker'];
const OUTSIDERS = [ANYWHERE, NEIGHBOUR, PRODUCER];
const bolt = {
  from: [...BOLT_CLIENTS, 'memgraph-register-replicas'],
  notFrom: ['memgate-gateway', 'memgate-filebeat', ...OUTSIDERS],
};

/** Who must, and must not, reach each Service's ports (by port name). */
const REACH: Record<string, Record<string, { from: string[]; notFrom: string[] }>> = {
  'memgate-gateway': { http: { from: [...OUTSIDERS, ...SERVICES], notFrom: [] } },
  'memgate-query': {
    http: {
      from: ['memgate-gateway'],
      notFrom: ['memgate-ingestion', 'memgate-worker', 'memgraph', ...OUTSIDERS],
    },
  },
  'memgate-ingestion': {
    http: {
      from: ['memgate-gateway', PRODUCER],
      notFrom: ['memgate-query', 'memgate-worker', ANYWHERE, NEIGHBOUR],
    },
  },
  // The workers serve metrics only.
  'memgate-worker': { http: { from: [], notFrom: [...SERVICES, ...OUTSIDERS] } },
  memgraph: { bolt },
  'memgraph-headless': { bolt },
  'memgraph-replica-headless': {
    bolt,
    replication: {
      from: ['memgraph'],
      notFrom: [...SERVICES, 'memgraph-register-replicas', ...OUTSIDERS],
    },
  },
  'memgate-logstash': {
    beats: { from: ['memgate-filebeat'], notFrom: [...SERVICES, ...OUTSIDERS] },
  },
};

let rendered = new Map<string, KubernetesObject[]>();

beforeAll(async () => {
  rendered = await kustomizeOverlays(K8S);
}, 600_000);

const nameOf = (pod: Pod): string | undefined => pod.labels['app.kubernetes.io/name'];

/** The overlay's pod named `source`, or the visitor of that name; undefined if it has neither. */
function source(objects: KubernetesObject[], namespace: string, name: string): Pod | undefined {
  return VISITORS[name]?.(namespace) ?? podsOf(objects).find((pod) => nameOf(pod) === name);
}

interface ServicePort {
  name: string;
  targetPort: string | number;
}

/** A Service's ports resolved to container port numbers on each pod it selects. */
function targets(service: KubernetesObject, pods: Pod[]) {
  const spec = service['spec'] as { selector: Record<string, string>; ports: ServicePort[] };
  return pods
    .filter(
      (pod) =>
        pod.namespace === service.metadata.namespace &&
        selects({ matchLabels: spec.selector }, pod.labels),
    )
    .flatMap((pod) =>
      spec.ports.map(({ name, targetPort }) => ({
        pod,
        portName: name,
        port:
          typeof targetPort === 'number'
            ? targetPort
            : (pod.ports.find((p) => p.name === targetPort)?.containerPort ?? NaN),
      })),
    );
}

describe('NetworkPolicies', () => {
  it('deny ingress by default to every pod of every overlay', () => {
    const problems: string[] = [];
    for (const [overlay, objects] of rendered) {
      const denyAll = objects.filter((o) => o.kind === 'NetworkPolicy' && deniesAllIngress(o));
      for (const pod of podsOf(objects)) {
        if (!denyAll.some((policy) => isolates(policy, pod)))
          problems.push(`${overlay} ${pod.name}: no default-deny ingress policy selects it`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('open each Service’s target ports to the pods that need them, and only to those', () => {
    const problems: string[] = [];
    for (const [overlay, objects] of rendered) {
      const pods = podsOf(objects);
      for (const service of objects.filter((o) => o.kind === 'Service')) {
        const expected = REACH[service.metadata.name];
        if (!expected) {
          problems.push(`${overlay} Service/${service.metadata.name}: no expectation in REACH`);
          continue;
        }
        const found = targets(service, pods);
        if (found.length === 0)
          problems.push(`${overlay} Service/${service.metadata.name}: selects no pod`);
        for (const { pod, portName, port } of found) {
          const where = `${overlay} ${service.metadata.name}:${portName} (${pod.name} :${port})`;
          const rules = expected[portName];
          if (!rules) {
            problems.push(`${where}: no expectation for the port`);
            continue;
          }
          for (const [names, allowed] of [
            [rules.from, true],
            [rules.notFrom, false],
          ] as const) {
            for (const name of names) {
              const from = source(objects, pod.namespace, name);
              if (from && ingressAllowed(objects, from, pod, port) !== allowed)
                problems.push(`${where}: ${allowed ? 'unreachable' : 'reachable'} from ${name}`);
            }
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('name only sources that some overlay renders', () => {
    const names = new Set(
      Object.values(REACH).flatMap((ports) =>
        Object.values(ports).flatMap(({ from, notFrom }) => [...from, ...notFrom]),
      ),
    );
    const known = new Set([
      ...Object.keys(VISITORS),
      ...[...rendered.values()].flatMap((objects) => podsOf(objects).map(nameOf)),
    ]);
    expect([...names].filter((name) => !known.has(name))).toEqual([]);
  });

  it('let Prometheus’s namespace scrape every Memgate service on its announced metrics port', () => {
    const problems: string[] = [];
    for (const [overlay, objects] of rendered) {
      const services = objects.filter(memgateRole);
      expect(services.map((d) => d.metadata.name).sort(), overlay).toEqual([...SERVICES].sort());
      for (const deployment of services) {
        const pod = podsOf([deployment])[0];
        const template = (
          deployment['spec'] as { template: { metadata: { annotations: Record<string, string> } } }
        ).template;
        const port = Number(template.metadata.annotations['prometheus.io/port']);
        if (!pod || !ingressAllowed(objects, VISITORS[PROMETHEUS]!(pod.namespace), pod, port))
          problems.push(
            `${overlay} ${deployment.metadata.name}: :${port} not reachable from Prometheus`,
          );
      }
    }
    expect(problems).toEqual([]);
  });
});
