import { identityKey } from '../federation/identityForwarder.js';
import type { Principal } from '../security/principal.js';

const keys = new WeakMap<Principal, string>();

/**
 * `identityKey`, made once per principal: a connection authenticates once,
 * so all its subscriptions hold one string instead of a copy each, and
 * fan-out does not print it again for every subscriber and event.
 */
export function callerKey(principal: Principal): string {
  let key = keys.get(principal);
  if (key === undefined) {
    key = identityKey(principal);
    keys.set(principal, key);
  }
  return key;
}
