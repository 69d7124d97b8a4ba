import net from 'node:net';
import neo4j, { type Driver, type Session } from 'neo4j-driver';
import type { Operation } from '../../lib/load-driver.js';

export const PROBE_KEYS = ['execute-query', 'session', 'tcp'] as const;
export type ProbeKey = (typeof PROBE_KEYS)[number];

/** A way of doing one round trip, opened once per (probe, concurrency) case. */
export interface Probe {
  readonly key: ProbeKey;
  /** How the table and plots name it. */
  readonly label: string;
  open(concurrency: number): Promise<OpenProbe>;
}

export interface OpenProbe {
  readonly call: Operation;
  close(): Promise<void>;
}

const QUERY = 'RETURN 1 AS one';

export function createProbes(
  driver: Driver,
  boltAddress: { host: string; port: number },
): Record<ProbeKey, Probe> {
  return {
    'execute-query': {
      key: 'execute-query',
      label: 'driver.executeQuery',
      // What most service code writes: each call borrows a pooled connection,
      // runs in a managed transaction (with retries) and returns it.
      open: () =>
        Promise.resolve({
          call: async () => expectOne(await driver.executeQuery(QUERY)),
          close: noop,
        }),
    },
    session: {
      key: 'session',
      label: 'session.run',
      // One long-lived session per worker: an auto-commit query on a
      // connection the session keeps, the cheapest round trip the driver offers.
      open: (concurrency) => {
        const sessions: Session[] = Array.from({ length: concurrency }, () => driver.session());
        return Promise.resolve({
          call: async (worker) => expectOne(await sessionOf(sessions, worker).run(QUERY)),
          close: async () => {
            await Promise.all(sessions.map((session) => session.close()));
          },
        });
      },
    },
    tcp: {
      key: 'tcp',
      label: 'TCP connect+close',
      // The floor: no Bolt at all, just the TCP handshake to the same port.
      open: () => Promise.resolve({ call: () => tcpConnectAndReset(boltAddress), close: noop }),
    },
  };
}

function sessionOf(sessions: readonly Session[], worker: number): Session {
  const session = sessions[worker];
  if (!session) throw new RangeError(`no session for worker ${worker}`);
  return session;
}

/** A probe that silently got wrong answers would measure nothing: check each one. */
function expectOne(result: { records: readonly { get(key: string): unknown }[] }): void {
  const one = result.records[0]?.get('one');
  if (!(neo4j.isInt(one) ? one.toNumber() === 1 : one === 1)) {
    throw new Error(`RETURN 1 answered ${String(one)}`);
  }
}

/**
 * Connects and closes with a reset (RST) rather than a FIN: a FIN close
 * leaves the client port in TIME_WAIT for a minute, and tens of thousands
 * of connects per second would exhaust the ephemeral ports.
 */
function tcpConnectAndReset(address: { host: string; port: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address.host, port: address.port, noDelay: true });
    socket.once('connect', () => socket.resetAndDestroy());
    socket.once('error', reject);
    socket.once('close', () => resolve());
  });
}

function noop(): Promise<void> {
  return Promise.resolve();
}

/** Host and port of a Bolt URI, for the TCP probe (7687 when the URI names none). */
export function boltAddress(uri: string): { host: string; port: number } {
  const url = new URL(uri);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: url.port ? Number(url.port) : 7687 };
}
