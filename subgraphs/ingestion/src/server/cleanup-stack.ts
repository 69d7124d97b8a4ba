/**
 * What a start-up opened, closed in reverse order on stop or when a later
 * step of the start-up fails, so a half-started service leaks nothing.
 */
export class CleanupStack {
  private readonly steps: (() => Promise<unknown>)[] = [];

  push(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }

  /** Runs every step even when one fails; failures are thrown together at the end. */
  async run(): Promise<void> {
    const failures: unknown[] = [];
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length === 0) return;
    const [only] = failures;
    throw failures.length === 1 && only instanceof Error
      ? only
      : new AggregateError(failures, 'Several clean-up steps failed.');
  }
}
