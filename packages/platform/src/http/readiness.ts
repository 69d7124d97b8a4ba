/** One dependency a service needs before it can take traffic. */
export interface ReadinessCheck {
  readonly name: string;
  /** Resolves when ready; rejects (or times out) with the reason otherwise. */
  readonly check: () => Promise<void>;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<string, { ok: boolean; reason?: string }>;
}

const CHECK_TIMEOUT_MS = 2_000;

/** Runs every check in parallel, each bounded in time, and reports them all. */
export async function checkReadiness(checks: readonly ReadinessCheck[]): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      });
      try {
        await Promise.race([check(), timeout]);
        return [name, { ok: true }] as const;
      } catch (error) {
        return [
          name,
          { ok: false, reason: error instanceof Error ? error.message : String(error) },
        ] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const checksByName: Record<string, { ok: boolean; reason?: string }> = {};
  for (const [name, result] of results) checksByName[name] = result;
  return { ready: results.every(([, result]) => result.ok), checks: checksByName };
}
