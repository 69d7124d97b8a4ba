import { describe, expect, it } from 'vitest';
import { boltDriverSettings } from './bolt-driver.js';

describe('boltDriverSettings', () => {
  it('leaves URIs alone without a CA file: +s uses the system trust store', () => {
    expect(boltDriverSettings({ uri: 'bolt+s://db.example:7687' })).toEqual({
      uri: 'bolt+s://db.example:7687',
      tls: {},
    });
    expect(boltDriverSettings({ uri: 'bolt://127.0.0.1:7687' }).tls).toEqual({});
  });

  it('moves TLS from the URI into the driver config when a CA file is given', () => {
    for (const uri of ['neo4j+s://db:7687', 'neo4j+ssc://db:7687', 'neo4j://db:7687']) {
      expect(boltDriverSettings({ uri, caFile: '/etc/memgate/ca.pem' })).toEqual({
        uri: 'neo4j://db:7687',
        tls: {
          encrypted: 'ENCRYPTION_ON',
          trust: 'TRUST_CUSTOM_CA_SIGNED_CERTIFICATES',
          trustedCertificates: ['/etc/memgate/ca.pem'],
        },
      });
    }
  });

  it('rejects what is not a Bolt URI', () => {
    expect(() => boltDriverSettings({ uri: 'http://db:7474' })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG' }),
    );
  });
});
