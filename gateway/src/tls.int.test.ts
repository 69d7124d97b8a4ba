import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, type PeerCertificate } from 'node:tls';
import { createTlsMaterial, type TlsMaterial } from '@memgate/platform/launcher';
import { createClient } from 'graphql-ws';
import { Agent, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { captureLogger } from '../test/captureLogger.js';
import { serveSubgraph } from '../test/servedSubgraph.js';
import {
  composeSupergraph,
  productsSchema,
  productsSdl,
  reviewsSchema,
  reviewsSdlV2,
  type RunningSubgraph,
} from '../test/tinySubgraphs.js';
import type { GatewayConfig } from './config.js';
import { createGateway, type Gateway } from './createGateway.js';

/**
 * TLS at both ends of the gateway, with certificates made for this run by a
 * private CA: clients reach it over HTTPS and WSS, and it reaches subgraphs
 * that serve HTTPS only because it is told to trust that CA.
 */
let dir: string;
let pki: TlsMaterial;
let products: RunningSubgraph;
let reviews: RunningSubgraph;
let supergraphSdl: string;
const gateways: Gateway[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'memgate-gateway-tls-'));
  pki = await createTlsMaterial(join(dir, 'pki'));
  const credentials = {
    cert: await readFile(pki.serverCertFile, 'utf8'),
    key: await readFile(pki.serverKeyFile, 'utf8'),
  };
  [products, reviews] = await Promise.all([
    serveSubgraph('products', productsSchema(), { credentials }),
    serveSubgraph('reviews', reviewsSchema(), { credentials }),
  ]);
  supergraphSdl = composeSupergraph([
    { name: 'products', url: products.url, sdl: productsSdl },
    { name: 'reviews', url: reviews.url, sdl: reviewsSdlV2 },
  ]);
});

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await Promise.all([products.stop(), reviews.stop()]);
  await rm(dir, { recursive: true, force: true });
});

async function startGateway(config: Partial<GatewayConfig>): Promise<string> {
  const gateway = createGateway({
    config: { port: 0, rateLimitPerSecond: 0, ...config },
    supergraphSdl,
    logger: captureLogger('fatal').logger,
  });
  gateways.push(gateway);
  return (await gateway.start()).url;
}

/** A client that trusts the run's private CA, as a caller with the CA bundle would. */
function trustingClient(ca: string): Agent {
  return new Agent({ connect: { ca } });
}

async function post(url: string, query: string, dispatcher: Agent): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    dispatcher,
  });
  return response.json();
}

function peerCertificate(port: number, ca: string): Promise<PeerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ port, host: '127.0.0.1', servername: 'localhost', ca }, () => {
      resolve(socket.getPeerCertificate());
      socket.end();
    });
    socket.once('error', reject);
  });
}

const JOINED = '{ products { id name rating } }';
const JOINED_DATA = {
  products: [
    { id: 'p1', name: 'Lamp', rating: 4 },
    { id: 'p2', name: 'Desk', rating: 5 },
  ],
};

describe('a gateway with a certificate and a private CA for its subgraphs', () => {
  let url: string;
  let certFile: string;
  let keyFile: string;
  let ca: string;

  beforeAll(async () => {
    // Copies, so the reload test can replace them as a Secret rotation would.
    certFile = join(dir, 'tls.crt');
    keyFile = join(dir, 'tls.key');
    await copyFile(pki.serverCertFile, certFile);
    await copyFile(pki.serverKeyFile, keyFile);
    ca = await readFile(pki.caFile, 'utf8');
    url = await startGateway({
      tlsCertFile: certFile,
      tlsKeyFile: keyFile,
      tlsCaFile: pki.caFile,
    });
  });

  it('serves GraphQL over HTTPS, federating two HTTPS subgraphs', async () => {
    expect(url).toMatch(/^https:\/\/localhost:\d+\/graphql$/);
    expect(await post(url, JOINED, trustingClient(ca))).toEqual({ data: JOINED_DATA });
  });

  it('does not answer plain HTTP on its port', async () => {
    await expect(fetch(url.replace('https:', 'http:'), { method: 'POST' })).rejects.toThrow();
  });

  it('serves GraphQL over WSS on the same port', async () => {
    class TrustingWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { ca });
      }
    }
    const client = createClient({
      url: url.replace(/^https/, 'wss'),
      webSocketImpl: TrustingWebSocket,
      retryAttempts: 0,
    });
    try {
      const result = await new Promise((resolve, reject) => {
        client.subscribe({ query: JOINED }, { next: resolve, error: reject, complete: () => {} });
      });
      expect(result).toEqual({ data: JOINED_DATA });
    } finally {
      await client.dispose();
    }
  });

  it('serves a rotated certificate to new connections without a restart', async () => {
    const port = Number(new URL(url).port);
    const before = await peerCertificate(port, ca);
    const rotated = await createTlsMaterial(join(dir, 'rotated'));
    const rotatedCa = await readFile(rotated.caFile, 'utf8');
    await copyFile(rotated.serverKeyFile, keyFile);
    await copyFile(rotated.serverCertFile, certFile);
    await vi.waitFor(
      async () => {
        const after = await peerCertificate(port, rotatedCa);
        expect(after.fingerprint256).not.toBe(before.fingerprint256);
      },
      { timeout: 10_000, interval: 200 },
    );
    expect(await post(url, JOINED, trustingClient(rotatedCa))).toEqual({ data: JOINED_DATA });
  });
});

describe('a gateway that is not told about the private CA', () => {
  it('does not trust the subgraphs’ certificates, and sends them nothing', async () => {
    const url = await startGateway({});
    const seen = products.requests.length;
    const answer = (await post(url, JOINED, new Agent())) as {
      data?: unknown;
      errors?: unknown[];
    };
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.length).toBeGreaterThan(0);
    expect(products.requests.length).toBe(seen);
  });
});
