import { listVar } from '../config/index.js';

/**
 * Who may write: the gateway checks it on GraphQL, the ingestion subgraph
 * on the REST routes a gateway identity reaches directly. One variable, so
 * the two can never disagree.
 */
export const writerRolesConfig = {
  authWriterRoles: listVar('MEMGATE_AUTH_WRITER_ROLES', {
    description:
      'Roles allowed to call the operations of the write subgraphs (ingestion mutations, receipts, ingestionProgress, and the ingestion REST routes when called with the gateway’s identity).',
    default: 'WRITER,ADMIN',
  }),
};
