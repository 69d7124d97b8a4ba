import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MemgateError } from '@memgate/platform/errors';

export type TrustedLookup =
  | { readonly trusted: true; readonly query: string }
  | {
      readonly trusted: false;
      readonly status: number;
      readonly code: string;
      readonly message: string;
    };

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The allowlist of documents clients may run ("trusted documents"), from a
 * manifest written at build time: `{ "<id>": "<document>", … }` or Apollo's
 * persisted-query manifest (`{ "format": "apollo-persisted-query-manifest",
 * "operations": [{ "id", "body" }] }`). Clients send the id (as
 * `extensions.persistedQuery.sha256Hash` or `documentId`) or the document
 * itself; anything not in the manifest is refused before it is parsed.
 */
export class TrustedDocuments {
  private readonly byId: ReadonlyMap<string, string>;
  private readonly textHashes: ReadonlySet<string>;

  constructor(documents: ReadonlyMap<string, string>) {
    this.byId = documents;
    this.textHashes = new Set([...documents.values()].map(sha256Hex));
  }

  static fromFile(path: string): TrustedDocuments {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new MemgateError(
        'INVALID_CONFIG',
        `Cannot read the trusted documents manifest ${path}.`,
        {
          cause: error,
        },
      );
    }
    return new TrustedDocuments(manifestEntries(parsed, path));
  }

  get size(): number {
    return this.byId.size;
  }

  lookup(request: { id?: string | undefined; query?: string | undefined }): TrustedLookup {
    if (request.id !== undefined) {
      const query = this.byId.get(request.id);
      if (query !== undefined) return { trusted: true, query };
      return {
        trusted: false,
        status: 400,
        code: 'PERSISTED_QUERY_NOT_FOUND',
        message: 'PersistedQueryNotFound: no trusted document has this id.',
      };
    }
    if (request.query !== undefined && this.textHashes.has(sha256Hex(request.query))) {
      return { trusted: true, query: request.query };
    }
    return {
      trusted: false,
      status: 403,
      code: 'FORBIDDEN',
      message: 'Only trusted documents may run on this gateway, and this one is not among them.',
    };
  }
}

function manifestEntries(manifest: unknown, origin: string): Map<string, string> {
  const entries = new Map<string, string>();
  if (typeof manifest !== 'object' || manifest === null) {
    throw new MemgateError('INVALID_CONFIG', `${origin}: a manifest is a JSON object.`);
  }
  const record = manifest as Record<string, unknown>;
  if (record['format'] === 'apollo-persisted-query-manifest') {
    const operations = Array.isArray(record['operations'])
      ? (record['operations'] as unknown[])
      : [];
    for (const operation of operations) {
      const { id, body } = (operation ?? {}) as { id?: unknown; body?: unknown };
      if (typeof id !== 'string' || typeof body !== 'string') {
        throw new MemgateError(
          'INVALID_CONFIG',
          `${origin}: every operation needs a string id and body.`,
        );
      }
      entries.set(id, body);
    }
    return entries;
  }
  for (const [id, body] of Object.entries(record)) {
    if (typeof body !== 'string') {
      throw new MemgateError(
        'INVALID_CONFIG',
        `${origin}: the document of "${id}" is not a string.`,
      );
    }
    entries.set(id, body);
  }
  return entries;
}
