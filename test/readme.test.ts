import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { withConfigTable } from '../scripts/docs/config-table.js';

describe('README.md', () => {
  it('documents every environment variable the services read (run `npm run docs` if this fails)', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withConfigTable(readme));
  });

  it('states the two set-up commands', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });
});
