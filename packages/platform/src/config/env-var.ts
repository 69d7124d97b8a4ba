import { z } from 'zod';

/**
 * One environment variable: its name, what it means, its default and the
 * schema that turns the raw string into a typed value. The same declaration
 * drives validation at start-up and the configuration table in the README.
 */
export interface EnvVar<T> {
  readonly name: string;
  readonly description: string;
  /** The raw default, as a user would write it; `undefined` means "unset". */
  readonly default?: string | undefined;
  /** Secrets are never echoed back in error messages or logs. */
  readonly secret?: boolean;
  readonly schema: z.ZodType<T>;
}

interface Common {
  description: string;
  secret?: boolean;
}

export function stringVar(name: string, opts: Common & { default: string }): EnvVar<string> {
  return { name, ...opts, schema: z.string().min(1, 'must not be empty') };
}

export function optionalStringVar(name: string, opts: Common): EnvVar<string | undefined> {
  return { name, ...opts, schema: z.string().min(1, 'must not be empty').optional() };
}

export function intVar(
  name: string,
  opts: Common & { default: number; min?: number; max?: number },
): EnvVar<number> {
  const min = opts.min ?? Number.MIN_SAFE_INTEGER;
  const max = opts.max ?? Number.MAX_SAFE_INTEGER;
  const schema = z
    .string()
    .regex(/^-?\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));
  return { name, description: opts.description, default: String(opts.default), schema };
}

/** A TCP port; 0 asks the service to pick a free one. */
export function portVar(name: string, opts: Common & { default: number }): EnvVar<number> {
  return intVar(name, { ...opts, min: 0, max: 65535 });
}

export function boolVar(name: string, opts: Common & { default: boolean }): EnvVar<boolean> {
  const schema = z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .transform((raw) => raw === 'true' || raw === '1' || raw === 'yes');
  return { name, description: opts.description, default: String(opts.default), schema };
}

export function enumVar<const V extends readonly [string, ...string[]]>(
  name: string,
  opts: Common & { values: V; default: V[number] },
): EnvVar<V[number]> {
  const schema = z.enum(opts.values, { message: `must be one of ${opts.values.join(', ')}` });
  return { name, description: opts.description, default: opts.default, schema };
}

/** A comma-separated list; blanks around items are ignored. */
export function listVar(
  name: string,
  opts: Common & { default?: string; item?: z.ZodType<string, string> },
): EnvVar<string[]> {
  const item: z.ZodType<string, string> = opts.item ?? z.string().min(1);
  const schema = z
    .string()
    .transform((raw) =>
      raw
        .split(',')
        .map((part) => part.trim())
        .filter((part) => part.length > 0),
    )
    .pipe(z.array(item));
  return { name, description: opts.description, default: opts.default ?? '', schema };
}

export function optionalUrlVar(
  name: string,
  opts: Common & { protocols: readonly string[] },
): EnvVar<string | undefined> {
  const schema = z
    .string()
    .refine((raw) => URL.canParse(raw), 'must be a URL')
    .refine(
      (raw) => opts.protocols.includes(new URL(raw).protocol.replace(/:$/, '')),
      `must use one of the schemes ${opts.protocols.join(', ')}`,
    )
    .optional();
  return { name, description: opts.description, secret: opts.secret, schema };
}
