import { readdir, readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { imagePinProblem } from '../support/images.js';
import { githubWorkflowSchema } from '../support/published-schemas.js';

const root = new URL('../../', import.meta.url);
const WORKFLOWS = new URL('.github/workflows/', root);

interface Job {
  steps?: { uses?: string }[];
  services?: Record<string, { image: string }>;
  container?: string | { image: string };
}

async function workflows(): Promise<{ file: string; text: string; jobs: Record<string, Job> }[]> {
  const files = (await readdir(WORKFLOWS)).filter((f) => /\.ya?ml$/.test(f));
  return Promise.all(
    files.map(async (file) => {
      const text = await readFile(new URL(file, WORKFLOWS), 'utf8');
      return { file, text, jobs: (parseYaml(text) as { jobs: Record<string, Job> }).jobs };
    }),
  );
}

describe('GitHub Actions workflows', () => {
  it('validate against the published workflow schema', async () => {
    const check = githubWorkflowSchema();
    for (const { file, text } of await workflows()) {
      expect(check(parseYaml(text)), file).toEqual([]);
    }
  });

  it('pin actions to a release (never a branch) and service containers to a tag', async () => {
    const problems: string[] = [];
    for (const { file, jobs } of await workflows()) {
      for (const [name, job] of Object.entries(jobs)) {
        for (const step of job.steps ?? []) {
          const ref = step.uses?.split('@')[1];
          if (
            step.uses &&
            !step.uses.startsWith('./') &&
            !/^(v\d+(\.\d+)*|[0-9a-f]{40})$/.test(ref ?? '')
          ) {
            problems.push(`${file} ${name}: ${step.uses}`);
          }
        }
        for (const service of Object.values(job.services ?? {})) {
          const problem = imagePinProblem(service.image);
          if (problem) problems.push(`${file} ${name}: ${problem}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the Dockerfile', () => {
  it('builds from base images pinned by digest', async () => {
    const text = await readFile(new URL('deploy/Dockerfile', root), 'utf8');
    const args = new Map([...text.matchAll(/^ARG (\w+)=(\S+)$/gm)].map((m) => [m[1], m[2]]));
    const bases = [...text.matchAll(/^FROM (\S+)/gm)].map((m) => m[1] ?? '');
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) {
      const image = base.replace(/^\$\{(\w+)\}$/, (_m, name: string) => args.get(name) ?? base);
      expect(imagePinProblem(image), base).toBeUndefined();
      expect(image, base).toMatch(/@sha256:[0-9a-f]{64}$/);
    }
  });

  it('copies the package.json of every workspace before npm ci', async () => {
    const text = await readFile(new URL('deploy/Dockerfile', root), 'utf8');
    const { workspaces } = JSON.parse(await readFile(new URL('package.json', root), 'utf8')) as {
      workspaces: string[];
    };
    for (const workspace of workspaces) {
      expect(text, workspace).toContain(`COPY ${workspace}/package.json ${workspace}/`);
    }
  });
});
