import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  exportJWK,
  generateKeyPair,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
} from 'jose';

export const ISSUER = 'https://idp.test/';
export const AUDIENCE = 'memgate';

interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface TokenOptions {
  sub?: string | null;
  roles?: string[];
  scope?: string;
  iss?: string;
  aud?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  /** Sign with this key id instead of the current one. */
  kid?: string;
  extra?: JWTPayload;
}

/**
 * A tiny OAuth2 identity provider for tests: real RSA and EC keys from
 * jose, a JWKS served over loopback HTTP (counting fetches), key rotation,
 * and access tokens with whatever claims a test needs.
 */
export class TestIdentityProvider {
  private keys: SigningKey[] = [];
  private server: Server | undefined;
  jwksFetches = 0;
  jwksUrl = '';

  static async start(): Promise<TestIdentityProvider> {
    const provider = new TestIdentityProvider();
    await provider.rotate('RS256');
    provider.server = createServer((_req, res) => {
      provider.jwksFetches += 1;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ keys: provider.keys.map((key) => key.publicJwk) }));
    });
    await new Promise<void>((resolve) => provider.server?.listen(0, '127.0.0.1', resolve));
    const { port } = provider.server.address() as AddressInfo;
    provider.jwksUrl = `http://127.0.0.1:${port}/.well-known/jwks.json`;
    return provider;
  }

  /** Adds a new current key; older keys stay published until `retire`. */
  async rotate(alg: 'RS256' | 'ES256' = 'RS256'): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const kid = `key-${this.keys.length + 1}-${alg}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
    this.keys.push({ kid, alg, privateKey, publicJwk });
    return kid;
  }

  retireAllBut(kid: string): void {
    this.keys = this.keys.filter((key) => key.kid === kid);
  }

  get currentKid(): string {
    const current = this.keys.at(-1);
    if (!current) throw new Error('no key');
    return current.kid;
  }

  publicJwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => key.publicJwk) };
  }

  async token(options: TokenOptions = {}): Promise<string> {
    const key = this.keys.find((candidate) => candidate.kid === (options.kid ?? this.currentKid));
    if (!key) throw new Error(`no key ${options.kid ?? ''}`);
    const claims: JWTPayload = { ...options.extra };
    if (options.roles) claims['roles'] = options.roles;
    if (options.scope) claims['scope'] = options.scope;
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt' })
      .setIssuer(options.iss ?? ISSUER)
      .setAudience(options.aud ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + (options.expiresIn ?? 300));
    if (options.sub !== null) jwt.setSubject(options.sub ?? 'user-1');
    return jwt.sign(key.privateKey);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/** The same claims signed with HS256 and a guessable secret: what an attacker would try. */
export function hs256Token(secret: string, claims: JWTPayload = {}): Promise<string> {
  return new SignJWT({ roles: ['ADMIN'], ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject('attacker')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));
}

/** An unsecured JWT (`alg: none`), hand-built since jose will not sign one. */
export function unsecuredToken(claims: JWTPayload = {}): string {
  const encode = (value: object): string =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 300;
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ iss: ISSUER, aud: AUDIENCE, sub: 'attacker', exp, roles: ['ADMIN'], ...claims })}.`;
}

/** Flips one character of the signature. */
export function tampered(token: string): string {
  const [header, payload, signature = ''] = token.split('.');
  const flipped = (signature[5] === 'A' ? 'B' : 'A') + signature.slice(6);
  return `${header ?? ''}.${payload ?? ''}.${signature.slice(0, 5)}${flipped}`;
}

/** Changes a claim without re-signing. */
export function withForgedClaims(token: string, claims: JWTPayload): string {
  const [header, payload = '', signature] = token.split('.');
  const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as JWTPayload;
  const forged = Buffer.from(JSON.stringify({ ...decoded, ...claims })).toString('base64url');
  return `${header ?? ''}.${forged}.${signature ?? ''}`;
}
