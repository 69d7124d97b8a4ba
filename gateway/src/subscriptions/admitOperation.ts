import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import type { DocumentLimits } from '../limits/documentLimits.js';
import { runGuards, type OperationGuard } from '../operations/operationGuard.js';
import type { TrustedDocuments } from '../persisted/trustedDocuments.js';
import { documentIdOf } from '../persisted/documentId.js';
import type { Principal } from '../security/principal.js';
import type { CheckedDocument, DocumentCache } from './documentCache.js';

export interface AdmissionOptions {
  /** The API schema being served, once a supergraph is loaded. */
  schema: () => GraphQLSchema | undefined;
  trustedDocuments: TrustedDocuments | undefined;
  documentLimits: DocumentLimits;
  /** graphql-js's specified rules, the document limits, and no introspection where it is off. */
  validationRules: readonly ValidationRule[];
  guards: readonly OperationGuard[];
  /** Documents already parsed and validated, shared by every connection. */
  documents: DocumentCache;
}

export interface AdmittedOperation {
  readonly schema: GraphQLSchema;
  /** The text of the document, one string for every request with the same text. */
  readonly query: string;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly variables: Readonly<Record<string, unknown>>;
}

const NO_VARIABLES: Readonly<Record<string, unknown>> = Object.freeze({});

/**
 * What Apollo Server does for an HTTP request before executing it, done
 * for a WebSocket `subscribe`: allowlist, parse (token limit), validate
 * (depth, aliases, directives), coerce variables, then the same guards.
 * Errors carry the codes HTTP clients see.
 */
export async function admitOperation(
  options: AdmissionOptions,
  principal: Principal,
  payload: SubscribePayload,
): Promise<AdmittedOperation | readonly GraphQLError[]> {
  const schema = options.schema();
  if (!schema) return [coded('No schema is loaded yet.', 'SERVICE_UNAVAILABLE')];
  let text = payload.query;
  if (options.trustedDocuments) {
    const lookup = options.trustedDocuments.lookup({
      id: documentIdOf(payload),
      query: payload.query === '' ? undefined : payload.query,
    });
    if (!lookup.trusted) return [coded(lookup.message, lookup.code)];
    text = lookup.query;
  }
  const checked = options.documents.get(schema, text, () => check(options, schema, text));
  if ('errors' in checked) return checked.errors;
  const { document, query } = checked;
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) return [coded('Unable to identify the operation.', 'BAD_REQUEST')];
  const coerced = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    payload.variables ?? {},
  );
  if (coerced.errors) return coerced.errors.map((error) => withCode(error, 'BAD_USER_INPUT'));
  // A subscription keeps its variables for its whole life; most declare none,
  // and those share one empty object instead of an empty object each.
  const variables = operation.variableDefinitions?.length ? coerced.coerced : NO_VARIABLES;
  const admitted = { schema, query, document, operation, variables };
  const rejection = await runGuards(options.guards, {
    ...admitted,
    principal,
    transport: 'websocket',
    derived: false,
  });
  return rejection ? [rejection] : admitted;
}

/** Parse (token limit) and validate (depth, aliases, directives…), with HTTP's error codes. */
function check(options: AdmissionOptions, schema: GraphQLSchema, query: string): CheckedDocument {
  let document: DocumentNode;
  try {
    document = parse(query, options.documentLimits.parseOptions);
  } catch (error) {
    return { errors: [withCode(error, 'GRAPHQL_PARSE_FAILED')] };
  }
  const invalid = validate(schema, document, options.validationRules);
  // As over HTTP, every validation error (graphql-armor's limits too) is GRAPHQL_VALIDATION_FAILED.
  if (invalid.length > 0) {
    return { errors: invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')) };
  }
  return { document, query };
}

function coded(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

function withCode(error: unknown, code: string): GraphQLError {
  if (!(error instanceof GraphQLError)) return coded(String(error), code);
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}
