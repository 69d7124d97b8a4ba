/**
 * State of printing one statement: parameters and generated variable names.
 * Counters make the text deterministic (the TCK pins it) and every variable
 * unique in the whole statement, because Memgraph rejects a subquery that
 * declares a name already used in an outer scope, even one not imported.
 */
export class PrintContext {
  readonly params: Record<string, unknown> = {};
  private paramCount = 0;
  private nodeCount = 0;
  private edgeCount = 0;
  private varCount = 0;

  /** Adds a parameter and returns its reference, e.g. `$param3`. */
  param(value: unknown): string {
    const name = `param${this.paramCount++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  nodeVariable(): string {
    return `this${this.nodeCount++}`;
  }

  edgeVariable(): string {
    return `edge${this.edgeCount++}`;
  }

  /** A name for the result of a subquery or an aggregate. */
  resultVariable(): string {
    return `var${this.varCount++}`;
  }
}

/** Variables a predicate or projection may refer to. */
export interface Scope {
  readonly node: string;
  readonly edge?: string | undefined;
}

export function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => (line.length > 0 ? `${by}${line}` : line))
    .join('\n');
}
