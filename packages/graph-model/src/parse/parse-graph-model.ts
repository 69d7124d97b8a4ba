import { findDialectViolations } from '@memgate/cypher';
import {
  buildASTSchema,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  isUnionType,
  Kind,
  parse,
  type DocumentNode,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type {
  CypherField,
  Direction,
  Field,
  GraphModel,
  InterfaceType,
  NodeType,
  RelationshipField,
  RelationshipPropertiesType,
  ScalarField,
  ScalarKind,
  UnionType,
} from '../model/graph-model.js';
import { directiveArgs, hasDirective, repeatedDirectiveArgs } from './directive-values.js';
import { GRAPH_DIRECTIVES_SDL } from './directives.js';
import { fieldShape, SCALAR_KINDS } from './field-types.js';
import { GraphModelError, ProblemList } from './graph-model-error.js';
import { GRAPH_NAME, pluralFieldName } from './names.js';
import { validateModel } from './validate-model.js';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Reads a graph SDL into a validated GraphModel. Every problem is reported
 * at once, each naming the type and field, so a user fixes their schema in
 * one pass; the service refuses to start until then.
 */
export function parseGraphModel(typeDefs: string | DocumentNode): GraphModel {
  const schema = buildSchema(typeDefs);
  const problems = new ProblemList();
  const types = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__'));

  const relationshipProperties = new Map<string, RelationshipPropertiesType>();
  const nodeObjects: GraphQLObjectType[] = [];
  for (const type of types.filter(isObjectType)) {
    if (ROOT_TYPES.has(type.name)) {
      problems.add(
        type.name,
        'the graph SDL declares node types only; root fields are generated from them',
      );
    } else if (hasDirective(type, 'relationshipProperties')) {
      relationshipProperties.set(type.name, readRelationshipProperties(schema, type, problems));
    } else if (hasDirective(type, 'node')) {
      nodeObjects.push(type);
    } else {
      problems.add(
        type.name,
        'an object type needs @node (a node type) or @relationshipProperties',
      );
    }
  }

  const interfaces = new Map<string, InterfaceType>();
  for (const type of types.filter(isInterfaceType)) {
    interfaces.set(type.name, readInterface(schema, type, problems));
  }
  const unions = new Map<string, UnionType>();
  for (const type of types.filter(isUnionType)) {
    unions.set(type.name, {
      kind: 'union',
      name: type.name,
      members: type.getTypes().map((member) => member.name),
      description: type.description ?? undefined,
    });
  }

  const nodes = new Map<string, NodeType>();
  for (const type of nodeObjects) nodes.set(type.name, readNodeType(schema, type, problems));

  const model: GraphModel = { nodes, interfaces, unions, relationshipProperties };
  validateModel(model, problems);
  problems.throwIfAny();
  return model;
}

function buildSchema(typeDefs: string | DocumentNode): GraphQLSchema {
  let document: DocumentNode;
  try {
    document = typeof typeDefs === 'string' ? parse(typeDefs) : typeDefs;
  } catch (error) {
    throw new GraphModelError([error instanceof GraphQLError ? error.toString() : String(error)]);
  }
  // Users may declare the scalars themselves; ours fill in only what is missing.
  const declared = new Set(
    document.definitions.flatMap((definition) =>
      'name' in definition && definition.name ? [definition.name.value] : [],
    ),
  );
  const ours = parse(GRAPH_DIRECTIVES_SDL).definitions.filter(
    (definition) =>
      !(definition.kind === Kind.SCALAR_TYPE_DEFINITION && declared.has(definition.name.value)),
  );
  try {
    return buildASTSchema({ kind: Kind.DOCUMENT, definitions: [...document.definitions, ...ours] });
  } catch (error) {
    throw new GraphModelError([error instanceof Error ? error.message : String(error)]);
  }
}

function readNodeType(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  problems: ProblemList,
): NodeType {
  const node = safeArgs(schema, type, 'node', type.name, problems) ?? {};
  const labels = (node['labels'] as string[] | undefined) ?? [type.name];
  if (labels.length === 0) problems.add(type.name, '@node(labels:) needs at least one label');
  for (const label of labels) {
    if (!GRAPH_NAME.test(label)) {
      problems.add(
        type.name,
        `label "${label}" is not a valid label (letters, digits and _; not starting with a digit)`,
      );
    }
  }
  const fields = new Map<string, Field>();
  for (const field of Object.values(type.getFields())) {
    const read = readField(schema, type.name, field, problems);
    if (read) fields.set(field.name, read);
  }
  const auth = safeArgs(schema, type, 'auth', type.name, problems);
  return {
    kind: 'node',
    name: type.name,
    labels,
    plural: (node['plural'] as string | undefined) ?? pluralFieldName(type.name),
    keyFields: readKeyFields(schema, type, fields, problems),
    fields,
    interfaces: type.getInterfaces().map((iface) => iface.name),
    authRequires: (auth?.['requires'] as string[] | undefined) ?? [],
    description: type.description ?? undefined,
  };
}

function readField(
  schema: GraphQLSchema,
  typeName: string,
  field: GraphQLField<unknown, unknown>,
  problems: ProblemList,
): Field | undefined {
  const read = readFieldKind(schema, typeName, field, problems);
  if (!read) return undefined;
  const auth = safeArgs(schema, field, 'auth', `${typeName}.${field.name}`, problems);
  return { ...read, authRequires: (auth?.['requires'] as string[] | undefined) ?? [] };
}

function readFieldKind(
  schema: GraphQLSchema,
  typeName: string,
  field: GraphQLField<unknown, unknown>,
  problems: ProblemList,
): Field | undefined {
  const where = `${typeName}.${field.name}`;
  const shape = fieldShape(field.type);
  if (field.args.length > 0) {
    problems.add(
      where,
      'fields in the graph SDL take no arguments; filters and paging are generated',
    );
  }
  if (shape.nestedList) {
    problems.add(where, 'lists of lists cannot be stored in the graph');
    return undefined;
  }
  if (hasDirective(field, 'relationship')) {
    const relationship = safeArgs(schema, field, 'relationship', where, problems);
    return relationship && readRelationship(where, field.name, shape, relationship, problems);
  }
  if (hasDirective(field, 'cypher')) {
    const cypher = safeArgs(schema, field, 'cypher', where, problems);
    return cypher && readCypherField(where, field.name, shape, cypher, problems);
  }
  if (!SCALAR_KINDS.has(shape.typeName)) {
    problems.add(
      where,
      `type ${shape.typeName} is not a stored scalar (${[...SCALAR_KINDS].join(', ')}); a field of a node type needs @relationship`,
    );
    return undefined;
  }
  return readScalarField(schema, where, field, problems);
}

function readScalarField(
  schema: GraphQLSchema,
  where: string,
  field: GraphQLField<unknown, unknown>,
  problems: ProblemList,
): ScalarField {
  const shape = fieldShape(field.type);
  const alias = safeArgs(schema, field, 'alias', where, problems);
  const property = (alias?.['property'] as string | undefined) ?? field.name;
  if (!GRAPH_NAME.test(property)) {
    problems.add(where, `property name "${property}" is not valid (letters, digits and _)`);
  } else if (property.startsWith('__')) {
    // As GraphQL does for its own names: Memgate marks nodes with such
    // properties while a statement runs (the ingestion upsert's `created`).
    problems.add(where, `property name "${property}" starts with "__", which Memgate reserves`);
  }
  const isId = hasDirective(field, 'id');
  return {
    kind: 'scalar',
    name: field.name,
    scalar: shape.typeName as ScalarKind,
    property,
    list: shape.list,
    required: shape.required,
    unique: isId || hasDirective(field, 'unique'),
    indexed: isId || hasDirective(field, 'unique') || hasDirective(field, 'index'),
    description: field.description ?? undefined,
    authRequires: [],
  };
}

function readRelationship(
  where: string,
  name: string,
  shape: ReturnType<typeof fieldShape>,
  args: Record<string, unknown>,
  problems: ProblemList,
): RelationshipField {
  const type = args['type'] as string;
  if (!GRAPH_NAME.test(type)) {
    problems.add(where, `relationship type "${type}" is not valid (letters, digits and _)`);
  }
  return {
    kind: 'relationship',
    name,
    type,
    direction: args['direction'] as Direction,
    target: shape.typeName,
    list: shape.list,
    required: shape.required,
    properties: args['properties'] as string | undefined,
    description: undefined,
    authRequires: [],
  };
}

function readCypherField(
  where: string,
  name: string,
  shape: ReturnType<typeof fieldShape>,
  args: Record<string, unknown>,
  problems: ProblemList,
): CypherField {
  const statement = args['statement'] as string;
  for (const violation of findDialectViolations(statement)) {
    problems.add(
      where,
      `@cypher statement is outside the Memgraph subset (${violation.rule}: "${violation.excerpt}"): ${violation.reason}`,
    );
  }
  if (!/\bthis\b/.test(statement)) {
    problems.add(where, '@cypher statement must use `this`, the node the field belongs to');
  }
  if (
    /\b(?:CREATE|MERGE|DELETE|SET|REMOVE|DETACH)\b/i.test(statement.replace(/'[^']*'|"[^"]*"/g, ''))
  ) {
    problems.add(
      where,
      '@cypher statement must be read-only (no CREATE, MERGE, SET, REMOVE or DELETE)',
    );
  }
  const columnName = args['columnName'] as string;
  const returned = statement.slice(statement.toUpperCase().lastIndexOf('RETURN'));
  if (!new RegExp(`^RETURN\\b[\\s\\S]*\\b${columnName}\\b`, 'i').test(returned)) {
    problems.add(where, `@cypher statement does not return a column named ${columnName}`);
  }
  return {
    kind: 'cypher',
    name,
    statement,
    columnName,
    returns: shape.typeName,
    returnsScalar: SCALAR_KINDS.has(shape.typeName),
    list: shape.list,
    required: shape.required,
    description: undefined,
    authRequires: [],
  };
}

function readKeyFields(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  fields: ReadonlyMap<string, Field>,
  problems: ProblemList,
): string[] {
  const keys = repeatedDirectiveArgs(schema, type, 'key');
  const idFields = [...fields.values()].filter(
    (field) => field.kind === 'scalar' && hasDirective(type.getFields()[field.name] ?? {}, 'id'),
  );
  if (idFields.length > 1) {
    problems.add(
      type.name,
      `only one field can be @id, found ${idFields.map((f) => f.name).join(', ')}`,
    );
  }
  const first = keys[0];
  const names = first
    ? String(first['fields'])
        .trim()
        .split(/[\s,]+/)
    : idFields.map((field) => field.name);
  if (names.length === 0 || names[0] === '') {
    problems.add(type.name, 'a node type needs a key: add @key(fields: "id") or mark a field @id');
    return [];
  }
  if (first && String(first['fields']).includes('{')) {
    problems.add(
      type.name,
      '@key on nested fields is not supported; key a node by its own scalar fields',
    );
    return [];
  }
  for (const name of names) {
    const field = fields.get(name);
    if (field?.kind !== 'scalar' || field.list) {
      problems.add(
        type.name,
        `key field "${name}" must be a scalar, non-list field of ${type.name}`,
      );
    } else if (!field.required) {
      problems.add(`${type.name}.${name}`, 'a key field must be non-null (add !)');
    }
  }
  return names;
}

function readInterface(
  schema: GraphQLSchema,
  type: GraphQLInterfaceType,
  problems: ProblemList,
): InterfaceType {
  const fields = new Map<string, ScalarField>();
  for (const field of Object.values(type.getFields())) {
    const where = `${type.name}.${field.name}`;
    const shape = fieldShape(field.type);
    if (!SCALAR_KINDS.has(shape.typeName) || shape.nestedList) {
      problems.add(
        where,
        'interface fields must be stored scalars; declare relationships on the node types',
      );
      continue;
    }
    fields.set(field.name, readScalarField(schema, where, field, problems));
  }
  return {
    kind: 'interface',
    name: type.name,
    plural: pluralFieldName(type.name),
    fields,
    implementations: schema.getPossibleTypes(type).map((impl) => impl.name),
    description: type.description ?? undefined,
  };
}

function readRelationshipProperties(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  problems: ProblemList,
): RelationshipPropertiesType {
  const fields = new Map<string, ScalarField>();
  for (const field of Object.values(type.getFields())) {
    const where = `${type.name}.${field.name}`;
    const shape = fieldShape(field.type);
    if (!SCALAR_KINDS.has(shape.typeName) || shape.nestedList) {
      problems.add(where, 'relationship properties must be stored scalars');
      continue;
    }
    // Same reading as node properties (@alias included); relationships have no indexes here.
    fields.set(field.name, {
      ...readScalarField(schema, where, field, problems),
      unique: false,
      indexed: false,
    });
  }
  return {
    kind: 'relationshipProperties',
    name: type.name,
    fields,
    description: type.description ?? undefined,
  };
}

/** Directive arguments, or a located problem when a value has the wrong type. */
function safeArgs(
  schema: GraphQLSchema,
  element: Parameters<typeof directiveArgs>[1],
  name: string,
  where: string,
  problems: ProblemList,
): Record<string, unknown> | undefined {
  try {
    return directiveArgs(schema, element, name);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const hint = /"direction"/.test(message) ? ' The direction must be OUT or IN.' : '';
    problems.add(where, `@${name}: ${message}${hint}`);
    return undefined;
  }
}
