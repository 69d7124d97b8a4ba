import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { withConfigTable } from './config-table.js';

const readmePath = fileURLToPath(new URL('../../README.md', import.meta.url));
const current = await readFile(readmePath, 'utf8');
const next = withConfigTable(current);
if (next === current) {
  console.log('README.md configuration table is up to date.');
} else {
  await writeFile(readmePath, next);
  console.log('README.md configuration table updated.');
}
