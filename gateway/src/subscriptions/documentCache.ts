import type { DocumentNode, GraphQLError, GraphQLSchema } from 'graphql';

/**
 * A document parsed and validated against one schema, with the text it was
 * parsed from (as first received: every later request with the same text
 * can hold this copy instead of its own), or why it could not be.
 */
export type CheckedDocument =
  | { readonly document: DocumentNode; readonly query: string }
  | { readonly errors: readonly GraphQLError[] };

/**
 * Parsed and validated documents by query text, per schema, as Apollo
 * Server keeps them for HTTP. Thousands of clients subscribing with the
 * same document then share one AST (memory per subscriber) and pay for one
 * parse and one validation (the cost of subscribing). Bounded: past `max`
 * documents per schema the oldest is forgotten.
 */
export class DocumentCache {
  private readonly bySchema = new WeakMap<GraphQLSchema, Map<string, CheckedDocument>>();

  constructor(private readonly max = 1_000) {}

  get(schema: GraphQLSchema, query: string, check: () => CheckedDocument): CheckedDocument {
    let documents = this.bySchema.get(schema);
    if (!documents) {
      documents = new Map();
      this.bySchema.set(schema, documents);
    }
    const cached = documents.get(query);
    if (cached) return cached;
    const checked = check();
    if (documents.size >= this.max) {
      const oldest = documents.keys().next();
      if (!oldest.done) documents.delete(oldest.value);
    }
    documents.set(query, checked);
    return checked;
  }
}
