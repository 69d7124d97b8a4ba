import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ParseOptions, ValidationRule } from 'graphql';

export interface DocumentLimitOptions {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
}

export interface DocumentLimits {
  /** For `parse`: graphql-js stops lexing past `maxTokens`, before any AST is built. */
  readonly parseOptions: ParseOptions;
  /** For `validate`, next to the specified rules. */
  readonly validationRules: readonly ValidationRule[];
}

/**
 * The limits that depend on the document alone, shared by HTTP (Apollo's
 * `parseOptions` and `validationRules`) and WebSocket (our own parse and
 * validate), so both transports refuse exactly the same documents.
 *
 * Depth, aliases and directives are graphql-armor's validation rules. The
 * token limit is graphql-js's own `maxLexicalTokens` — the same lexer count armor's
 * max-tokens plugin makes, but without parsing every document twice. Cost
 * needs the variables, so it is a guard (see costLimit.ts), and armor's
 * field-suggestion blocking is Apollo's `hideSchemaDetailsFromClientErrors`.
 */
export function documentLimits(options: DocumentLimitOptions): DocumentLimits {
  const armor = new ApolloArmor({
    maxDepth: { n: options.maxDepth },
    maxAliases: { n: options.maxAliases },
    maxDirectives: { n: options.maxDirectives },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  });
  return {
    parseOptions: { maxLexicalTokens: options.maxTokens },
    validationRules: armor.protect().validationRules,
  };
}
