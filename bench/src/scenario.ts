/** A `--name value` flag a scenario accepts; every value arrives as text and the scenario parses it. */
export interface ScenarioOption {
  readonly description: string;
  /** Unset means the flag is optional with no value. */
  readonly default?: string;
}

export interface ScenarioContext {
  /** The scenario's option values, defaults applied. */
  readonly options: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C: stop measuring, then clean up in `finally`. */
  readonly signal: AbortSignal;
  /** Where JSON and SVG results go (`--out`, default `bench/results/`). */
  readonly resultsDir: string;
  /** Results (tables) go to stdout, so they can be piped or pasted. */
  readonly out: (text: string) => void;
  /** Progress goes to stderr, so it never mixes with the results. */
  readonly log: (line: string) => void;
}

/**
 * One benchmark, runnable as `npm run bench -- <name> [--flags]`. A scenario
 * starts what it measures, measures, reports, and always stops what it
 * started (in `finally`, which also runs after Ctrl-C).
 */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly options: Readonly<Record<string, ScenarioOption>>;
  run(context: ScenarioContext): Promise<void>;
}
