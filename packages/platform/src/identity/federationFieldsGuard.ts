import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import {
  INTERNAL_IDENTITY_HEADER,
  verifyInternalIdentity,
  type VerifyInternalIdentityOptions,
} from './internalIdentity.js';

/**
 * The root fields federation adds to every subgraph. `_entities` resolves
 * any entity by key, bypassing whatever the subgraph's own root fields check,
 * and `_service` prints the subgraph's whole SDL; only the gateway may call them.
 */
export const FEDERATION_ROOT_FIELDS: ReadonlySet<string> = new Set(['_entities', '_service']);

/**
 * What the plugin reads of Apollo Server's request context. Typed by shape
 * rather than with @apollo/server's types, so this module depends on nothing
 * but graphql and jose and can live in a shared package.
 */
interface ResolvedOperation {
  readonly request: {
    readonly http?: { readonly headers: { get(name: string): string | undefined } };
  };
  readonly document: DocumentNode;
  readonly operation?: OperationDefinitionNode | undefined;
}

/** An Apollo Server plugin (structurally an `ApolloServerPlugin`). */
export interface FederationFieldsPlugin {
  requestDidStart(): Promise<{ didResolveOperation(context: ResolvedOperation): Promise<void> }>;
}

/**
 * An Apollo Server plugin for subgraphs: operations that select `_entities`
 * or `_service` must carry an identity header the gateway signed for this
 * subgraph; others are refused with FORBIDDEN before anything executes.
 * Every other operation passes unchanged (use `requireInternalIdentity` to
 * close the subgraph to everything but the gateway).
 */
export function useGatewayOnlyFederationFields(
  options: VerifyInternalIdentityOptions,
): FederationFieldsPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ request, document, operation }: ResolvedOperation) {
          if (!operation || !selectsFederationField(document, operation)) return;
          const token = request.http?.headers.get(INTERNAL_IDENTITY_HEADER);
          const verified =
            token !== undefined &&
            (await verifyInternalIdentity(token, options).then(
              () => true,
              () => false,
            ));
          // No `originalError`: the verifier's UNAUTHENTICATED would be found
          // on the chain by the error formatter and replace FORBIDDEN.
          if (!verified) {
            throw new GraphQLError('Only the gateway may call this field.', {
              extensions: { code: 'FORBIDDEN', http: { status: 403 } },
            });
          }
        },
      });
    },
  };
}

/** Whether the operation's root selection reaches a federation field, through fragments too. */
export function selectsFederationField(
  document: DocumentNode,
  operation: OperationDefinitionNode,
): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const visited = new Set<string>();
  const reaches = (selectionSet: SelectionSetNode): boolean =>
    selectionSet.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return FEDERATION_ROOT_FIELDS.has(selection.name.value);
      if (selection.kind === Kind.INLINE_FRAGMENT) return reaches(selection.selectionSet);
      const name = selection.name.value;
      if (visited.has(name)) return false;
      visited.add(name);
      const fragment = fragments.get(name);
      return fragment !== undefined && reaches(fragment.selectionSet);
    });
  return reaches(operation.selectionSet);
}
