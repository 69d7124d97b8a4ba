import { readFile } from 'node:fs/promises';
import { createLogger } from '@memgate/platform/logging';
import { createServiceApp, listen, type Listening } from '@memgate/platform/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

/**
 * The paths that Kubernetes probes, the image's HEALTHCHECK and Prometheus
 * hit are served by the HTTP shell every Memgate service is built on
 * (createServiceApp): liveness answers 200, readiness 200 or 503 with the
 * reasons, never 404.
 */
const root = new URL('../../', import.meta.url);
let server: Listening | undefined;

beforeAll(async () => {
  const { app, finish } = createServiceApp({
    logger: createLogger({ service: 'probe-test', level: 'silent' }),
    readiness: [{ name: 'engine', check: () => Promise.reject(new Error('not yet')) }],
  });
  finish();
  server = await listen(app, 0, '127.0.0.1');
});

afterAll(async () => {
  await server?.close();
});

interface Container {
  livenessProbe?: { httpGet?: { path: string } };
  readinessProbe?: { httpGet?: { path: string } };
  startupProbe?: { httpGet?: { path: string } };
}

/** httpGet paths of the probes in the base Deployments, and the image HEALTHCHECK's path. */
async function probePaths(): Promise<Set<string>> {
  const paths = new Set<string>();
  for (const role of ['gateway', 'query', 'ingestion', 'worker']) {
    const text = await readFile(new URL(`k8s/base/${role}/deployment.yaml`, root), 'utf8');
    const deployment = parseYaml(text) as {
      spec: { template: { spec: { containers: Container[] } } };
    };
    for (const container of deployment.spec.template.spec.containers) {
      for (const probe of [
        container.livenessProbe,
        container.readinessProbe,
        container.startupProbe,
      ]) {
        if (probe?.httpGet) paths.add(probe.httpGet.path);
      }
    }
  }
  const healthcheck = await readFile(new URL('deploy/docker/healthcheck.js', root), 'utf8');
  for (const [path] of healthcheck.matchAll(/\/(healthz|readyz)\b/g)) paths.add(path);
  return paths;
}

describe('health endpoints named by deployments', () => {
  it('are the two the service shell serves, with the expected answers', async () => {
    const paths = await probePaths();
    expect([...paths].sort()).toEqual(['/healthz', '/readyz']);
    const live = await fetch(`${server!.url}/healthz`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${server!.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: 'unavailable',
      checks: { engine: { ok: false, reason: 'not yet' } },
    });
  });
});
