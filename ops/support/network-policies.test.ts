import { describe, expect, it } from 'vitest';
import type { KubernetesObject } from './kustomize.js';
import { ingressAllowed, podsOf, selects, visitor, type Pod } from './network-policies.js';

const policy = (spec: object, namespace = 'app'): KubernetesObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'p', namespace },
  spec,
});
const server: Pod = {
  name: 'server',
  namespace: 'app',
  namespaceLabels: { 'kubernetes.io/metadata.name': 'app' },
  labels: { role: 'server' },
  ports: [{ name: 'http', containerPort: 8080 }],
};
const client = { ...visitor('app', { role: 'client' }), name: 'client' };

describe('NetworkPolicy evaluation', () => {
  it('selects with matchLabels and every matchExpressions operator', () => {
    const labels = { a: '1', b: '2' };
    expect(selects({}, labels)).toBe(true);
    expect(selects({ matchLabels: { a: '1' } }, labels)).toBe(true);
    expect(selects({ matchLabels: { a: '2' } }, labels)).toBe(false);
    expect(
      selects({ matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '3'] }] }, labels),
    ).toBe(true);
    expect(
      selects({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, labels),
    ).toBe(false);
    expect(selects({ matchExpressions: [{ key: 'c', operator: 'Exists' }] }, labels)).toBe(false);
    expect(selects({ matchExpressions: [{ key: 'c', operator: 'DoesNotExist' }] }, labels)).toBe(
      true,
    );
  });

  it('admits everything to a pod no policy selects, and nothing once a deny-all one does', () => {
    const other = policy({
      podSelector: { matchLabels: { role: 'other' } },
      policyTypes: ['Ingress'],
    });
    expect(ingressAllowed([other], client, server, 8080)).toBe(true);
    expect(
      ingressAllowed([policy({ podSelector: {}, policyTypes: ['Ingress'] })], client, server, 8080),
    ).toBe(false);
    // policyTypes defaults to Ingress.
    expect(ingressAllowed([policy({ podSelector: {} })], client, server, 8080)).toBe(false);
    // A policy of another namespace does not isolate the pod.
    expect(ingressAllowed([policy({ podSelector: {} }, 'elsewhere')], client, server, 8080)).toBe(
      true,
    );
  });

  it('reads a podSelector alone as the policy’s namespace, and both selectors as one peer', () => {
    const labelled = visitor('elsewhere', { role: 'client' });
    const samePods = policy({
      podSelector: {},
      ingress: [{ from: [{ podSelector: { matchLabels: { role: 'client' } } }] }],
    });
    expect(ingressAllowed([samePods], client, server, 8080)).toBe(true);
    expect(ingressAllowed([samePods], labelled, server, 8080)).toBe(false);
    const anyNamespace = policy({
      podSelector: {},
      ingress: [
        { from: [{ namespaceSelector: {}, podSelector: { matchLabels: { role: 'client' } } }] },
      ],
    });
    expect(ingressAllowed([anyNamespace], labelled, server, 8080)).toBe(true);
    expect(ingressAllowed([anyNamespace], visitor('elsewhere'), server, 8080)).toBe(false);
    const byNamespace = policy({
      podSelector: {},
      ingress: [
        {
          from: [
            { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'elsewhere' } } },
          ],
        },
      ],
    });
    expect(ingressAllowed([byNamespace], visitor('elsewhere'), server, 8080)).toBe(true);
    expect(ingressAllowed([byNamespace], client, server, 8080)).toBe(false);
  });

  it('resolves named ports on the target pod, and matches numbers, ranges and protocols', () => {
    const only = (ports: object[]) => [policy({ podSelector: {}, ingress: [{ ports }] })];
    expect(ingressAllowed(only([{ port: 'http' }]), client, server, 8080)).toBe(true);
    expect(ingressAllowed(only([{ port: 'http' }]), client, server, 9090)).toBe(false);
    expect(ingressAllowed(only([{ port: 'metrics' }]), client, server, 8080)).toBe(false);
    expect(ingressAllowed(only([{ port: 8000, endPort: 8100 }]), client, server, 8080)).toBe(true);
    expect(ingressAllowed(only([{ port: 8080, protocol: 'UDP' }]), client, server, 8080)).toBe(
      false,
    );
    // Rules add up: one rule admitting the port is enough.
    const two = [
      policy({ podSelector: {}, ingress: [{ ports: [{ port: 1 }] }, { ports: [{ port: 8080 }] }] }),
    ];
    expect(ingressAllowed(two, client, server, 8080)).toBe(true);
  });

  it('takes pods from workload templates, with their namespace’s labels', () => {
    const objects: KubernetesObject[] = [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app', labels: { team: 'a' } } },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'app' },
        spec: {
          template: {
            metadata: { labels: { role: 'server' } },
            spec: { containers: [{ name: 'web', ports: [{ name: 'http', containerPort: 8080 }] }] },
          },
        },
      },
    ];
    expect(podsOf(objects)).toEqual([
      {
        name: 'Deployment/web',
        namespace: 'app',
        namespaceLabels: { team: 'a', 'kubernetes.io/metadata.name': 'app' },
        labels: { role: 'server' },
        ports: [{ name: 'http', containerPort: 8080 }],
      },
    ]);
  });
});
