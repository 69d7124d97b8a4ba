import type { Principal } from '../security/principal.js';

/**
 * Who a rate limit applies to: a signed-in client by the token's subject, so
 * it cannot escape its limit by changing address, else the client's address.
 */
export function clientIdOf(principal: Principal, ip: string | undefined): string {
  return principal.kind === 'user' ? `sub:${principal.subject}` : `ip:${ip ?? 'unknown'}`;
}

/**
 * The client's address behind `trustedHops` proxies, as Express computes
 * `req.ip` with `trust proxy` set to a hop count: the address that many
 * hops back through X-Forwarded-For. For WebSocket upgrades, which bypass
 * Express.
 */
export function clientAddress(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string | undefined {
  if (trustedHops === 0 || forwardedFor === undefined) return remoteAddress;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((address) => address.trim())
    .filter((address) => address.length > 0);
  // Nearest first: the socket's peer, then X-Forwarded-For from the right.
  const chain = [remoteAddress, ...forwarded.reverse()];
  return chain[Math.min(trustedHops, chain.length - 1)];
}
