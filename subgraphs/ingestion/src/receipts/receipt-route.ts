import { MemgateError } from '@memgate/platform/errors';
import { Router } from 'express';
import { receiptStatus } from './receipt.js';
import type { ReceiptFinder } from './receipt-resolvers.js';

/**
 * `GET /ingest/receipts/:id` for producers that do not speak GraphQL. The
 * body is the receipt with its status and the keys it upserted per type; an
 * unknown id is a 404 NOT_FOUND.
 */
export function receiptRoute(receipts: ReceiptFinder): Router {
  const router = Router();
  router.get('/ingest/receipts/:id', async (req, res) => {
    const receipt = await receipts.find(req.params.id);
    if (!receipt)
      throw new MemgateError('NOT_FOUND', `No receipt ${JSON.stringify(req.params.id)}.`);
    const { entityKeys, ...fields } = receipt;
    res.json({
      ...fields,
      status: receiptStatus(receipt),
      entities: Object.fromEntries(entityKeys),
    });
  });
  return router;
}
