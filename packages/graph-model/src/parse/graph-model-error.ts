import { MemgateError } from '@memgate/platform/errors';

/** Every problem found in a graph SDL, reported together, each naming its type and field. */
export class GraphModelError extends MemgateError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super('INVALID_SCHEMA', `Invalid graph schema:\n  ${problems.join('\n  ')}`, {
      details: { problems },
    });
    this.problems = problems;
  }
}

/** Collects problems while a model is read, so one pass reports all of them. */
export class ProblemList {
  private readonly problems: string[] = [];

  add(where: string, problem: string): void {
    this.problems.push(`${where}: ${problem}`);
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new GraphModelError(this.problems);
  }
}
