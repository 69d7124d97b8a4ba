import type { KubernetesObject } from './kustomize.js';
import { podSpecOf } from './kubernetes-workloads.js';

/**
 * Kubernetes NetworkPolicy semantics for ingress, evaluated on rendered
 * manifests instead of a live CNI: which pod may open a connection to which
 * port of another (https://kubernetes.io/docs/concepts/services-networking/network-policies/).
 * Egress is not evaluated, nor are ipBlock peers: pod IPs are unknown before
 * deployment.
 */

export type Labels = Readonly<Record<string, string>>;

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: {
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }[];
}

interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

/** A pod as NetworkPolicies see it. */
export interface Pod {
  /** Its workload's kind and name, for messages. */
  name: string;
  namespace: string;
  namespaceLabels: Labels;
  labels: Labels;
  ports: readonly ContainerPort[];
}

interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: unknown;
}
interface PolicyPort {
  port?: number | string;
  endPort?: number;
  protocol?: string;
}
interface IngressRule {
  from?: Peer[];
  ports?: PolicyPort[];
}
interface PolicySpec {
  podSelector: LabelSelector;
  policyTypes?: string[];
  ingress?: IngressRule[];
}

/** Whether a label selector selects these labels; `{}` selects everything. */
export function selects(selector: LabelSelector, labels: Labels): boolean {
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  return (
    byLabel &&
    (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      const value = labels[key];
      switch (operator) {
        case 'In':
          return value !== undefined && values.includes(value);
        case 'NotIn':
          return value === undefined || !values.includes(value);
        case 'Exists':
          return value !== undefined;
        case 'DoesNotExist':
          return value === undefined;
      }
    })
  );
}

/** A namespace's labels: the API server always adds kubernetes.io/metadata.name. */
export function namespaceLabels(namespace: string, labels: Labels = {}): Labels {
  return { ...labels, 'kubernetes.io/metadata.name': namespace };
}

/** A pod that is not in the manifests, e.g. a client in another namespace. */
export function visitor(namespace: string, labels: Labels = {}): Pod {
  return {
    name: `pod in ${namespace}`,
    namespace,
    namespaceLabels: namespaceLabels(namespace),
    labels,
    ports: [],
  };
}

const namespaceOf = (o: KubernetesObject): string => o.metadata.namespace ?? 'default';

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/** The pods the rendered workloads create, with their template labels and container ports. */
export function podsOf(objects: readonly KubernetesObject[]): Pod[] {
  const namespaces = new Map(
    objects
      .filter((o) => o.kind === 'Namespace')
      .map((o) => [o.metadata.name, (o.metadata['labels'] ?? {}) as Labels]),
  );
  return objects.flatMap((o) => {
    const spec = WORKLOADS.has(o.kind) ? podSpecOf(o) : undefined;
    if (!spec) return [];
    const template =
      o.kind === 'CronJob'
        ? (o['spec'] as { jobTemplate: { spec: { template: unknown } } }).jobTemplate.spec.template
        : (o['spec'] as { template: unknown }).template;
    const namespace = namespaceOf(o);
    return [
      {
        name: `${o.kind}/${o.metadata.name}`,
        namespace,
        namespaceLabels: namespaceLabels(namespace, namespaces.get(namespace)),
        labels: (template as { metadata?: { labels?: Labels } }).metadata?.labels ?? {},
        ports: spec.containers.flatMap((c) => c.ports ?? []),
      },
    ];
  });
}

const specOf = (policy: KubernetesObject): PolicySpec => policy['spec'] as PolicySpec;

/** Whether a policy isolates the pods it selects for ingress (policyTypes defaults to Ingress). */
function governsIngress(policy: KubernetesObject): boolean {
  return specOf(policy).policyTypes?.includes('Ingress') ?? true;
}

/** Whether a policy isolates `pod` for ingress. */
export function isolates(policy: KubernetesObject, pod: Pod): boolean {
  return (
    policy.kind === 'NetworkPolicy' &&
    namespaceOf(policy) === pod.namespace &&
    governsIngress(policy) &&
    selects(specOf(policy).podSelector, pod.labels)
  );
}

/** Whether a policy isolates the pods it selects and admits nothing to them. */
export function deniesAllIngress(policy: KubernetesObject): boolean {
  return governsIngress(policy) && (specOf(policy).ingress ?? []).length === 0;
}

function peerAdmits(peer: Peer, policyNamespace: string, from: Pod): boolean {
  if (peer.ipBlock) throw new Error('ipBlock peers are not evaluated: pod IPs are unknown');
  // A podSelector alone means the policy's own namespace; with a
  // namespaceSelector, both must match the same pod.
  const inNamespace = peer.namespaceSelector
    ? selects(peer.namespaceSelector, from.namespaceLabels)
    : from.namespace === policyNamespace;
  return inNamespace && (!peer.podSelector || selects(peer.podSelector, from.labels));
}

function portAdmits(entry: PolicyPort, to: Pod, port: number, protocol: string): boolean {
  if ((entry.protocol ?? 'TCP') !== protocol) return false;
  if (entry.port === undefined) return true;
  if (typeof entry.port === 'string') {
    // A named port means the container port of that name on the target pod.
    return to.ports.some(
      (p) =>
        p.name === entry.port && p.containerPort === port && (p.protocol ?? 'TCP') === protocol,
    );
  }
  return entry.endPort === undefined
    ? entry.port === port
    : entry.port <= port && port <= entry.endPort;
}

function ruleAdmits(
  rule: IngressRule,
  namespace: string,
  from: Pod,
  to: Pod,
  port: number,
  protocol: string,
): boolean {
  const peers = rule.from ?? [];
  const ports = rule.ports ?? [];
  return (
    (peers.length === 0 || peers.some((peer) => peerAdmits(peer, namespace, from))) &&
    (ports.length === 0 || ports.some((entry) => portAdmits(entry, to, port, protocol)))
  );
}

/**
 * Whether `from` may connect to `port` of `to`: a pod no policy isolates
 * accepts everything; an isolated one what any of its policies admits.
 */
export function ingressAllowed(
  objects: readonly KubernetesObject[],
  from: Pod,
  to: Pod,
  port: number,
  protocol = 'TCP',
): boolean {
  const policies = objects.filter((o) => isolates(o, to));
  return (
    policies.length === 0 ||
    policies.some((policy) =>
      (specOf(policy).ingress ?? []).some((rule) =>
        ruleAdmits(rule, namespaceOf(policy), from, to, port, protocol),
      ),
    )
  );
}
