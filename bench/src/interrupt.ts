/**
 * Turns the first Ctrl-C (or SIGTERM) into an aborted signal, so the running
 * scenario finishes its current requests and stops what it started (a local
 * engine is a JVM that would otherwise outlive us). A second one exits at
 * once, for when clean-up itself hangs.
 */
export function abortOnInterrupt(log: (line: string) => void): {
  signal: AbortSignal;
  dispose(): void;
} {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      log(`${name} again: exiting without clean-up.`);
      process.exit(130);
    }
    log(`${name}: stopping after the current requests and cleaning up (again to force).`);
    controller.abort(new Error(`interrupted by ${name}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
