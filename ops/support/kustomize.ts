import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadConfig } from '@memgate/platform/config';
import { resolveCacheDir, servicesConfig } from '@memgate/platform/launcher';
import { parseAllDocuments } from 'yaml';

const run = promisify(execFile);

/** The version the CI workflow's k8s job installs too. */
export const KUSTOMIZE_VERSION = 'v5.7.1';

/**
 * The kustomize binary, built once with `go install` from its pinned Go
 * module (verified against the Go checksum database) into the launcher's
 * cache, as the launcher fetches its jars: the same tool on every machine,
 * and nothing in the repository.
 */
export async function kustomizeBinary(): Promise<string> {
  const cacheDir = resolveCacheDir(loadConfig(servicesConfig).cacheDir);
  const bin = path.join(cacheDir, 'tools', `kustomize-${KUSTOMIZE_VERSION}`);
  const binary = path.join(bin, 'kustomize');
  if (existsSync(binary)) return binary;
  await mkdir(bin, { recursive: true });
  try {
    await run('go', ['install', `sigs.k8s.io/kustomize/kustomize/v5@${KUSTOMIZE_VERSION}`], {
      env: { ...process.env, GOBIN: bin, GOFLAGS: '-buildvcs=false' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(`could not build kustomize ${KUSTOMIZE_VERSION} with Go:\n${stderr}`, {
      cause: error,
    });
  }
  return binary;
}

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** `kustomize build <dir>`, parsed into objects. */
export async function kustomizeBuild(dir: string): Promise<KubernetesObject[]> {
  const { stdout } = await run(await kustomizeBinary(), ['build', dir], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return parseAllDocuments(stdout)
    .map((doc) => doc.toJS() as KubernetesObject | null)
    .filter((doc): doc is KubernetesObject => doc !== null);
}

/** Every overlay of a kustomize tree (`<k8s>/overlays/*`), rendered, by name. */
export async function kustomizeOverlays(k8s: URL): Promise<Map<string, KubernetesObject[]>> {
  const rendered = new Map<string, KubernetesObject[]>();
  for (const overlay of await readdir(new URL('overlays/', k8s))) {
    rendered.set(overlay, await kustomizeBuild(fileURLToPath(new URL(`overlays/${overlay}`, k8s))));
  }
  return rendered;
}
