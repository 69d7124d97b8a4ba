import { loadConfig } from '@memgate/platform/config';
import { isMemgateError } from '@memgate/platform/errors';
import { createLogger } from '@memgate/platform/logging';
import { gatewayConfigSpec } from './config.js';
import { createGateway } from './createGateway.js';

/**
 * Runs the gateway on its own:
 * `node --conditions=memgate-source --import tsx gateway/src/main.ts`.
 */
async function main(): Promise<void> {
  const config = loadConfig(gatewayConfigSpec);
  const logger = createLogger({ service: 'gateway', level: config.logLevel });
  const gateway = createGateway({ config, logger });
  await gateway.start();

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    // A second signal while draining means "now".
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'stopping');
    gateway.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'the gateway did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // A configuration error is the user's to fix: its message lists every bad variable.
  console.error(isMemgateError(error) ? error.message : error);
  process.exit(1);
});
