import { AsyncLocalStorage } from 'node:async_hooks';

const requestIds = new AsyncLocalStorage<string>();

/**
 * Runs `work` with `requestId` as the current request id: every log line
 * written inside it, across awaits, carries `requestId` without each call
 * passing it along.
 */
export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return requestIds.run(requestId, work);
}

/** The request id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}
