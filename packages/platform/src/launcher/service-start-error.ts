import { MemgateError } from '../errors/index.js';

/**
 * Raised when a local service cannot be started. The message is meant to be
 * printed as-is: it names the service, the cause and what the user can do.
 */
export class ServiceStartError extends MemgateError {
  constructor(service: string, problem: string, options: { cause?: unknown; hint?: string } = {}) {
    const hint = options.hint ? `\n  → ${options.hint}` : '';
    super('SERVICE_START_FAILED', `${service}: ${problem}${hint}`, { cause: options.cause });
  }
}
