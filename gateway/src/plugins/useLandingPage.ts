import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { GatewayEnvironment } from '../config.js';

/** Whether browsers get a landing page at all; the HTTP layer routes `/` to it. */
export function servesLandingPage(environment: GatewayEnvironment): boolean {
  return environment === 'development';
}

/**
 * Development: the embedded Apollo Sandbox, on the endpoint it is served
 * from (browser GETs that accept HTML). Production: no page at all, because
 * a public gateway should not serve HTML that loads scripts from a CDN.
 */
export function useLandingPage(options: { environment: GatewayEnvironment }): ApolloServerPlugin {
  if (!servesLandingPage(options.environment)) return ApolloServerPluginLandingPageDisabled();
  return ApolloServerPluginLandingPageLocalDefault({
    embed: { endpointIsEditable: false, runTelemetry: false },
    footer: false,
  });
}
