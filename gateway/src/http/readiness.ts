import { supergraphReadiness } from '@memgate/platform/health';
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

  /**
   * The same answer as checks for the shared `/readyz` of
   * @memgate/platform/http: the platform's `supergraph` check, and
   * `gateway` for listening and not stopping.
   */
  checks(): ReadinessCheck[] {
    return [
      supergraphReadiness(() => this.supergraphLoaded || 'no supergraph is loaded yet'),
      {
        name: 'gateway',
        check: () => {
          if (this.phase === 'stopping')
            return Promise.reject(new Error('the gateway is stopping'));
          if (this.phase === 'created') {
            return Promise.reject(new Error('the gateway has not started'));
          }
          return Promise.resolve();
        },
      },
    ];
  }
}
