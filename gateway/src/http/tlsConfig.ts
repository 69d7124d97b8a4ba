import { optionalStringVar } from '@memgate/platform/config';

/**
 * TLS at the gateway: terminating it for clients (HTTPS and WSS on one
 * port), and trusting a private CA for `https://` subgraph URLs. Behind a
 * Kubernetes ingress that terminates TLS itself, leave these unset, or set
 * them to re-encrypt the hop from the ingress to the gateway.
 */
export const tlsConfigSpec = {
  tlsCertFile: optionalStringVar('MEMGATE_TLS_CERT_FILE', {
    description:
      'PEM certificate chain the gateway serves HTTPS and WSS with (with MEMGATE_TLS_KEY_FILE). Unset: plain HTTP. Re-read when the file changes.',
  }),
  tlsKeyFile: optionalStringVar('MEMGATE_TLS_KEY_FILE', {
    description: 'PEM private key of MEMGATE_TLS_CERT_FILE.',
  }),
  tlsCaFile: optionalStringVar('MEMGATE_TLS_CA_FILE', {
    description:
      'PEM file of CA certificates the gateway trusts, besides the system ones, when it calls https:// subgraph URLs (a private CA).',
  }),
};
