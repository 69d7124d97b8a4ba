import { MemgateError } from '../errors/index.js';
import type { EnvVar } from './env-var.js';

export type ConfigSpec = Record<string, EnvVar<unknown>>;

export type ConfigOf<S extends ConfigSpec> = {
  readonly [K in keyof S]: S[K] extends EnvVar<infer T> ? T : never;
};

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Reads every variable of `spec` from `environment`, applies defaults and
 * validates each one. All problems are reported together, one line per
 * variable, so a user fixes their configuration in one pass.
 */
export function loadConfig<S extends ConfigSpec>(
  spec: S,
  environment: Environment = process.env,
): ConfigOf<S> {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, variable] of Object.entries(spec)) {
    const given = environment[variable.name];
    const raw = given === undefined || given === '' ? variable.default : given;
    const parsed = variable.schema.safeParse(raw);
    if (parsed.success) {
      values[key] = parsed.data;
      continue;
    }
    const reason = parsed.error.issues.map((issue) => issue.message).join('; ');
    const shown = raw === undefined ? 'unset' : variable.secret ? '(secret)' : JSON.stringify(raw);
    problems.push(`${variable.name}=${shown}: ${reason}`);
  }
  if (problems.length > 0) {
    throw new MemgateError('INVALID_CONFIG', `Invalid configuration:\n  ${problems.join('\n  ')}`, {
      details: { problems },
    });
  }
  return values as ConfigOf<S>;
}
