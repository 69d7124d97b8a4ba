import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import config from '../codegen.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('generated resolver types', () => {
  it('match the subgraph schemas (run `npm run codegen` if this fails)', async () => {
    // `npm run codegen` formats with Prettier after generating; do the same in memory.
    // generate() is typed `any`; with saveToFile false it returns the files it would write.
    const outputs = (await generate({ ...config, cwd: root, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    expect(outputs.map((output) => output.filename).sort()).toEqual(
      Object.keys(config.generates).sort(),
    );
    for (const output of outputs) {
      const file = path.join(root, output.filename);
      const options = await prettier.resolveConfig(file);
      const expected = await prettier.format(output.content, { ...options, filepath: file });
      expect(await readFile(file, 'utf8'), output.filename).toBe(expected);
    }
  }, 60_000);
});
