import { listVar, optionalStringVar } from '@memgate/platform/config';

/**
 * How a service reaches the engine beyond MEMGRAPH_URI: the CA that signed
 * the engine's certificate, and Memgraph REPLICA instances for reads. Spread
 * into a service's spec beside `engineConfig`.
 */
export const graphConnectionConfig = {
  caFile: optionalStringVar('MEMGRAPH_CA_FILE', {
    description:
      'PEM file of the CA that signed Memgraph’s Bolt certificate; implies TLS (unset: the system trust store for bolt+s:// URIs).',
  }),
  readUris: listVar('MEMGRAPH_READ_URIS', {
    description:
      'Comma-separated Bolt URIs of Memgraph REPLICA instances; reads go to them round-robin and fall back to MEMGRAPH_URI (the MAIN) when they fail. Unset: every query goes to MEMGRAPH_URI.',
  }),
};
