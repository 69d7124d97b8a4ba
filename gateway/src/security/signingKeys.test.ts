import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { parseKeySet } from './signingKeys.js';

describe('parseKeySet', () => {
  it('reads a JWKS, a single JWK, and PEM public keys', async () => {
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    expect(parseKeySet(JSON.stringify({ keys: [jwk] }), 'x').keys).toHaveLength(1);
    expect(parseKeySet(JSON.stringify(jwk), 'x').keys).toEqual([jwk]);
    const other = (await generateKeyPair('ES256', { extractable: true })).publicKey;
    const pems = `${await exportSPKI(publicKey)}\n${await exportSPKI(other)}`;
    expect(parseKeySet(pems, 'x').keys.map((key) => key.kty)).toEqual(['RSA', 'EC']);
  });

  it('refuses private keys, in either form', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(privateKey);
    expect(() => parseKeySet(JSON.stringify({ keys: [jwk] }), 'KEYS')).toThrow(
      'KEYS contains a private key; give public keys only.',
    );
    const pem = await exportPKCS8(privateKey);
    expect(() => parseKeySet(pem, 'KEYS')).toThrow('KEYS holds no public key');
  });
});
