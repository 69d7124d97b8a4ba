import { MemgateError } from '@memgate/platform/errors';
import { Router, type Request } from 'express';
import type { MappingRegistry } from '../mapping/mapping-registry.js';
import type { UploadAcceptor } from './upload-acceptor.js';
import { uploadParserFor } from './upload-formats.js';

/**
 * `POST /ingest/{source}`: a batch upload for producers that do not speak
 * GraphQL. The body (NDJSON, a JSON array or CSV) is streamed into the
 * source's raw topic; the answer, once every record is acknowledged by
 * Kafka, is `202 Accepted` with `{ receiptId, accepted, rejected }` and the
 * receipt's address in `Location`. `Idempotency-Key` works as the `ingest`
 * mutation's `idempotencyKey`: a repeat answers the original receipt.
 */
export function uploadRoute(
  sources: Pick<MappingRegistry, 'find' | 'sources'>,
  acceptor: Pick<UploadAcceptor, 'accept'>,
): Router {
  const router = Router();
  router.post('/ingest/:source', async (req, res) => {
    try {
      const source = req.params.source;
      if (!sources.find(source)) throw unknownSource(source, sources.sources());
      const parser = uploadParserFor(req.get('content-type'));
      const outcome = await acceptor.accept({
        source,
        parser,
        body: req,
        declaredBytes: contentLength(req),
        idempotencyKey: req.get('idempotency-key'),
      });
      res
        .status(202)
        .location(`/ingest/receipts/${encodeURIComponent(outcome.receiptId)}`)
        .set(outcome.replayed ? { 'Idempotent-Replayed': 'true' } : {})
        .json({
          receiptId: outcome.receiptId,
          accepted: outcome.accepted,
          rejected: outcome.rejected,
        });
    } catch (error) {
      // The rest of a body we stopped reading is not worth receiving: close once answered.
      if (!req.readableEnded) res.set('Connection', 'close');
      throw error;
    }
  });
  return router;
}

function unknownSource(source: string, known: readonly string[]): MemgateError {
  return new MemgateError(
    'NOT_FOUND',
    known.length === 0
      ? `Unknown source ${JSON.stringify(source)}: no source is configured (MEMGATE_INGESTION_MAPPINGS_DIR).`
      : `Unknown source ${JSON.stringify(source)}. Known sources: ${known.join(', ')}.`,
    { details: { source, knownSources: known } },
  );
}

function contentLength(req: Request): number | undefined {
  const header = req.get('content-length');
  if (header === undefined || !/^\d+$/.test(header)) return undefined;
  return Number(header);
}
