import type { Server } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { Logger } from '@memgate/platform/logging';
import type { GatewayEnvironment } from '../config.js';
import type { GatewayContext } from '../context.js';
import { servesLandingPage, useLandingPage } from './useLandingPage.js';
import { useRequestLogging } from './useRequestLogging.js';

export interface GatewayPluginsOptions {
  environment: GatewayEnvironment;
  httpServer: Server;
  logger: Logger;
}

/**
 * Every Apollo Server plugin of the gateway, in the order Apollo calls them.
 * Cross-cutting concerns (auth, RBAC, limits, metrics) join this list as
 * `useXxx` plugins rather than being wired elsewhere.
 */
export function gatewayPlugins(
  options: GatewayPluginsOptions,
): ApolloServerPlugin<GatewayContext>[] {
  return [
    // Stop accepting connections and let in-flight operations finish on stop().
    ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
    useLandingPage({ environment: options.environment }),
    useRequestLogging({ logger: options.logger }),
  ];
}

export { servesLandingPage, useLandingPage, useRequestLogging };
