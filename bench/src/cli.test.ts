import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from './cli.js';
import { DEFAULT_RESULTS_DIR } from './lib/results-files.js';
import { UsageError } from './lib/usage-error.js';
import type { Scenario, ScenarioContext } from './scenario.js';

function fakeScenario(
  run: (context: ScenarioContext) => Promise<void> = () => Promise.resolve(),
): Scenario {
  return {
    name: 'fake',
    description: 'Does nothing, quickly.',
    options: {
      duration: { description: 'How long.', default: '5s' },
      requests: { description: 'How many.' },
    },
    run,
  };
}

async function cli(
  argv: string[],
  scenario = fakeScenario(),
  signal = new AbortController().signal,
) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    argv,
    [scenario],
    { out: (t) => out.push(t), err: (t) => err.push(t) },
    signal,
  );
  return { code, out: out.join(''), err: err.join('') };
}

describe('runCli', () => {
  it('lists the scenarios and exits 2 when none is named', async () => {
    const { code, err } = await cli([]);
    expect(code).toBe(EXIT.usage);
    expect(err).toContain('No scenario given.');
    expect(err).toMatch(/fake\s+Does nothing, quickly\./);
  });

  it('names an unknown scenario, lists the known ones and exits 2', async () => {
    const { code, err } = await cli(['nope']);
    expect(code).toBe(EXIT.usage);
    expect(err).toContain('Unknown scenario "nope".');
    expect(err).toContain('fake');
  });

  it('passes flag values with defaults applied, and the results folder', async () => {
    let seen: ScenarioContext | undefined;
    const { code } = await cli(
      ['fake', '--requests', '10'],
      fakeScenario(async (context) => {
        seen = context;
      }),
    );
    expect(code).toBe(EXIT.ok);
    expect(seen?.options).toEqual({ duration: '5s', requests: '10' });
    expect(seen?.resultsDir).toBe(DEFAULT_RESULTS_DIR);
  });

  it('rejects an unknown flag with the scenario help and exits 2', async () => {
    const { code, err } = await cli(['fake', '--durration', '1s']);
    expect(code).toBe(EXIT.usage);
    expect(err).toContain("Unknown option '--durration'");
    expect(err).toMatch(/--duration\s+How long\. \(default: 5s\)/);
  });

  it('prints the scenario help on --help without running it', async () => {
    let ran = false;
    const { code, out } = await cli(
      ['fake', '--help'],
      fakeScenario(async () => {
        ran = true;
      }),
    );
    expect(code).toBe(EXIT.ok);
    expect(ran).toBe(false);
    expect(out).toContain('--out');
  });

  it('maps a bad flag value to 2, a failure to 1 and an interrupted run to 130', async () => {
    const bad = await cli(
      ['fake'],
      fakeScenario(() => Promise.reject(new UsageError('--duration: "x" is not a duration'))),
    );
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toContain('--duration: "x" is not a duration');

    const failed = await cli(
      ['fake'],
      fakeScenario(() => Promise.reject(new Error('engine down'))),
    );
    expect(failed.code).toBe(EXIT.failed);
    expect(failed.err).toContain('bench fake failed: Error: engine down');

    const controller = new AbortController();
    controller.abort();
    expect((await cli(['fake'], fakeScenario(), controller.signal)).code).toBe(EXIT.interrupted);
  });
});
