import { parseArgs } from 'node:util';
import { DEFAULT_RESULTS_DIR } from './lib/results-files.js';
import { formatTable } from './lib/table.js';
import { UsageError } from './lib/usage-error.js';
import type { Scenario } from './scenario.js';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Exit codes: 2 is a usage error (as most CLIs), 130 the shell's code for Ctrl-C. */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** Flags every scenario accepts. */
const COMMON_OPTIONS = {
  out: { description: 'Folder for the JSON and SVG results.', default: DEFAULT_RESULTS_DIR },
  help: { description: 'Show this help.' },
} as const;

/**
 * `npm run bench -- <scenario> [--flags]`: finds the scenario, parses its
 * flags, runs it, and turns the outcome into an exit code. Returns the code
 * instead of exiting, so tests drive it in-process.
 */
export async function runCli(
  argv: readonly string[],
  scenarios: readonly Scenario[],
  io: CliIo,
  signal: AbortSignal,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.err(`${name === undefined ? 'No scenario given.\n\n' : ''}${usage(scenarios)}`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const scenario = scenarios.find((candidate) => candidate.name === name);
  if (!scenario) {
    io.err(`Unknown scenario "${name}".\n\n${usage(scenarios)}`);
    return EXIT.usage;
  }

  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseFlags(scenario, rest);
  } catch (error) {
    io.err(`${message(error)}\n\n${scenarioHelp(scenario)}`);
    return EXIT.usage;
  }
  if (values.help === true) {
    io.out(`${scenarioHelp(scenario)}\n`);
    return EXIT.ok;
  }

  const options = Object.fromEntries(
    Object.keys(scenario.options).map((key) => [key, asString(values[key])]),
  );
  try {
    await scenario.run({
      options,
      signal,
      resultsDir: asString(values.out) ?? DEFAULT_RESULTS_DIR,
      out: io.out,
      log: (line) => io.err(`${line}\n`),
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${scenarioHelp(scenario)}`);
      return EXIT.usage;
    }
    io.err(
      `bench ${scenario.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return EXIT.failed;
  }
  return signal.aborted ? EXIT.interrupted : EXIT.ok;
}

function parseFlags(
  scenario: Scenario,
  args: readonly string[],
): Record<string, string | boolean | undefined> {
  const clash = Object.keys(scenario.options).find((key) => key in COMMON_OPTIONS);
  if (clash) throw new Error(`scenario ${scenario.name} redefines the common flag --${clash}`);
  const options = {
    ...Object.fromEntries(
      Object.entries(scenario.options).map(([key, option]) => [
        key,
        { type: 'string' as const, default: option.default },
      ]),
    ),
    out: { type: 'string' as const, default: COMMON_OPTIONS.out.default },
    help: { type: 'boolean' as const, short: 'h' },
  };
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    // parseArgs explains well ("Unknown option '--x'"); only its error type is not ours.
    throw new UsageError(message(error));
  }
}

function asString(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function usage(scenarios: readonly Scenario[]): string {
  const list = formatTable(
    [
      { header: 'scenario', value: (s: Scenario) => s.name },
      { header: 'what it measures', value: (s: Scenario) => s.description },
    ],
    scenarios,
  );
  return `Usage: npm run bench -- <scenario> [--flags]   (--help after a scenario lists its flags)\n\n${list}\n`;
}

export function scenarioHelp(scenario: Scenario): string {
  const flags = [...Object.entries(scenario.options), ...Object.entries(COMMON_OPTIONS)].map(
    ([key, option]: [string, { description: string; default?: string }]) => ({
      flag: `--${key}`,
      description:
        option.default === undefined
          ? option.description
          : `${option.description} (default: ${option.default})`,
    }),
  );
  const table = formatTable(
    [
      { header: 'flag', value: (f: { flag: string }) => f.flag },
      { header: 'meaning', value: (f: { description: string }) => f.description },
    ],
    flags,
  );
  return `npm run bench -- ${scenario.name} [--flags]\n${scenario.description}\n\n${table}\n`;
}
