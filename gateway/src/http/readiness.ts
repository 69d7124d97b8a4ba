import type { ReadinessCheck } from '@memgate/platform/http';

export type ReadinessState = { ready: true } | { ready: false; reason: string };

/**
 * Whether the gateway should receive traffic: only once it has a supergraph
 * and listens, and no longer once it has begun to stop, so a load balancer
 * drains it before the process exits. Subgraph health is deliberately not
 * part of it: a gateway with one subgraph down still serves the others.
 */
export class Readiness {
  private phase: 'created' | 'started' | 'stopping' = 'created';
  private supergraphLoaded = false;

  supergraphLoad(): void {
    this.supergraphLoaded = true;
  }

  started(): void {
    this.phase = 'started';
  }

  stopping(): void {
    this.phase = 'stopping';
  }

  state(): ReadinessState {
    if (this.phase === 'stopping') return { ready: false, reason: 'the gateway is stopping' };
    if (!this.supergraphLoaded) return { ready: false, reason: 'no supergraph is loaded yet' };
    if (this.phase === 'created') return { ready: false, reason: 'the gateway has not started' };
    return { ready: true };
  }

  /** The same answer as a check for the shared `/readyz` of @memgate/platform/http. */
  asCheck(): ReadinessCheck {
    return {
      name: 'gateway',
      check: () => {
        const state = this.state();
        return state.ready ? Promise.resolve() : Promise.reject(new Error(state.reason));
      },
    };
  }
}
