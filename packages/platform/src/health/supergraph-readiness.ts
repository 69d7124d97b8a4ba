import type { ReadinessCheck } from '../http/index.js';

/**
 * Ready once the gateway has a supergraph to plan with. `loaded` returns
 * true, or a reason why not (e.g. the composition error of the last file).
 */
export function supergraphReadiness(loaded: () => boolean | string): ReadinessCheck {
  return {
    name: 'supergraph',
    check: () => {
      const state = loaded();
      if (state === true) return Promise.resolve();
      return Promise.reject(
        new Error(typeof state === 'string' ? state : 'no supergraph loaded yet'),
      );
    },
  };
}
