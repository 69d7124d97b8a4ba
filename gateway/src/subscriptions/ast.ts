import {
  Kind,
  OperationTypeNode,
  parseType,
  type ArgumentNode,
  type DirectiveNode,
  type FieldNode,
  type NameNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type VariableDefinitionNode,
  type VariableNode,
} from 'graphql';

/** Small builders for the documents the gateway derives; plain AST, printed by graphql-js. */
export const name = (value: string): NameNode => ({ kind: Kind.NAME, value });

export const variable = (value: string): VariableNode => ({
  kind: Kind.VARIABLE,
  name: name(value),
});

export const argument = (argName: string, variableName: string): ArgumentNode => ({
  kind: Kind.ARGUMENT,
  name: name(argName),
  value: variable(variableName),
});

export const variableDefinition = (variableName: string, type: string): VariableDefinitionNode => ({
  kind: Kind.VARIABLE_DEFINITION,
  variable: variable(variableName),
  type: parseType(type),
});

export const includeIf = (variableName: string): DirectiveNode => ({
  kind: Kind.DIRECTIVE,
  name: name('include'),
  arguments: [argument('if', variableName)],
});

export function field(
  fieldName: string,
  options: {
    alias?: string;
    arguments?: ArgumentNode[];
    directives?: DirectiveNode[];
    selections?: SelectionNode[];
  } = {},
): FieldNode {
  return {
    kind: Kind.FIELD,
    name: name(fieldName),
    ...(options.alias !== undefined && { alias: name(options.alias) }),
    arguments: options.arguments ?? [],
    directives: options.directives ?? [],
    ...(options.selections && {
      selectionSet: { kind: Kind.SELECTION_SET, selections: options.selections },
    }),
  };
}

export function query(
  operationName: string,
  variableDefinitions: VariableDefinitionNode[],
  selections: SelectionNode[],
): OperationDefinitionNode {
  return {
    kind: Kind.OPERATION_DEFINITION,
    operation: OperationTypeNode.QUERY,
    name: name(operationName),
    variableDefinitions,
    directives: [],
    selectionSet: { kind: Kind.SELECTION_SET, selections },
  };
}
