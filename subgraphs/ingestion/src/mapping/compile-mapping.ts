import {
  scalarFields,
  type GraphModel,
  type NodeType,
  type ScalarField,
} from '@memgate/graph-model';
import {
  endTypes,
  outgoingRelationships,
  relationshipPropertyFields,
} from '../model/relationship-fields.js';
import type {
  CompiledMapping,
  CompiledNode,
  CompiledRelationship,
  CompiledValue,
} from './compiled-mapping.js';
import { compileConditions, compilePath, compileValue, type Report } from './compile-values.js';
import type { Condition } from './conditions.js';
import { topLevelField, type FieldPath } from './field-path.js';
import type { MappingSpec, NodeSpec, RelationshipSpec, ValueSpec } from './mapping-schema.js';

/**
 * Checks a well-formed mapping against the graph model and compiles it:
 * node types, key and property fields, relationship types and directions,
 * value types, date formats and paths. Every problem is reported (with its
 * place in the file) rather than the first only.
 */
export function compileMapping(
  spec: MappingSpec,
  model: GraphModel,
  file: string,
  report: Report,
): Omit<CompiledMapping, 'hookPath' | 'hook'> {
  const nodes: CompiledNode[] = [];
  const aliases = new Map<string, CompiledNode>();
  spec.nodes.forEach((nodeSpec, index) => {
    const compiled = compileNode(nodeSpec, model, ['nodes', index], report);
    if (!compiled) return;
    if (aliases.has(compiled.alias)) {
      report(['nodes', index, 'as'], `the alias "${compiled.alias}" is used twice`);
      return;
    }
    aliases.set(compiled.alias, compiled);
    nodes.push(compiled);
  });
  const relationships = (spec.relationships ?? []).flatMap((relationshipSpec, index) => {
    const compiled = compileRelationship(
      relationshipSpec,
      model,
      aliases,
      ['relationships', index],
      report,
    );
    return compiled ? [compiled] : [];
  });
  const keep = compileConditions(spec.keep, ['keep'], report);
  const drop = compileConditions(spec.drop, ['drop'], report);
  if (spec.groupId !== undefined && spec.topic === undefined) {
    report(['groupId'], 'groupId names the consumer group of topic: give topic too');
  }
  return {
    source: spec.source,
    file,
    description: spec.description,
    topic: spec.topic,
    groupId: spec.groupId,
    strict: spec.strict ?? false,
    keep,
    drop,
    nodes,
    relationships,
    knownFields: knownFields(keep, drop, nodes, relationships),
  };
}

function compileNode(
  spec: NodeSpec,
  model: GraphModel,
  at: readonly PropertyKey[],
  report: Report,
): CompiledNode | undefined {
  const node = model.nodes.get(spec.type);
  if (!node) {
    report(
      [...at, 'type'],
      `the graph has no node type "${spec.type}" (node types: ${[...model.nodes.keys()].join(', ')})`,
    );
    return undefined;
  }
  const fields = new Map(scalarFields(node).map((field) => [field.name, field]));
  const keyNames = node.keyFields;
  for (const name of Object.keys(spec.key)) {
    if (!keyNames.includes(name)) {
      report(
        [...at, 'key', name],
        `"${name}" is not a key field of ${node.name} (key: ${keyNames.join(', ')})`,
      );
    }
  }
  const key = keyNames.flatMap((name) => {
    const value = spec.key[name];
    const field = fields.get(name);
    if (value === undefined || !field) {
      report([...at, 'key'], `the key field ${node.name}.${name} is not mapped`);
      return [];
    }
    const compiled = compileValue(value, field, [...at, 'key', name], report);
    return compiled ? [compiled] : [];
  });
  const properties = compileProperties(
    spec.properties ?? {},
    node.name,
    nonKeyFields(node, fields),
    [...at, 'properties'],
    report,
    (name) =>
      node.fields.get(name)?.kind === 'relationship'
        ? `${node.name}.${name} is a relationship: map it under relationships`
        : `${node.name} has no stored field "${name}"`,
  );
  const forEach =
    spec.forEach === undefined ? undefined : compilePath(spec.forEach, [...at, 'forEach'], report);
  return {
    alias: spec.as,
    where: `nodes[${String(at[1])}] (${node.name})`,
    node,
    forEach,
    when: compileConditions(spec.when, [...at, 'when'], report),
    key,
    properties,
  };
}

function nonKeyFields(node: NodeType, fields: Map<string, ScalarField>): Map<string, ScalarField> {
  return new Map([...fields].filter(([name]) => !node.keyFields.includes(name)));
}

/**
 * Properties of a node or a relationship. Every non-null field must be
 * mapped: a node created without it would break every read of it.
 */
function compileProperties(
  specs: Record<string, ValueSpec>,
  owner: string,
  fields: ReadonlyMap<string, ScalarField>,
  at: readonly PropertyKey[],
  report: Report,
  unknown: (name: string) => string,
): CompiledValue[] {
  const compiled: CompiledValue[] = [];
  for (const [name, spec] of Object.entries(specs)) {
    const field = fields.get(name);
    if (!field) {
      report([...at, name], unknown(name));
      continue;
    }
    const value = compileValue(spec, field, [...at, name], report);
    if (value) compiled.push(value);
  }
  for (const field of fields.values()) {
    if (field.required && !(field.name in specs)) {
      report(at, `${owner}.${field.name} is non-null: map it (a path, a value or a default)`);
    }
  }
  return compiled;
}

function compileRelationship(
  spec: RelationshipSpec,
  model: GraphModel,
  aliases: ReadonlyMap<string, CompiledNode>,
  at: readonly PropertyKey[],
  report: Report,
): CompiledRelationship | undefined {
  const from = aliases.get(spec.from);
  const to = aliases.get(spec.to);
  if (!from)
    report(
      [...at, 'from'],
      `no node is mapped as "${spec.from}" (aliases: ${[...aliases.keys()].join(', ')})`,
    );
  if (!to)
    report(
      [...at, 'to'],
      `no node is mapped as "${spec.to}" (aliases: ${[...aliases.keys()].join(', ')})`,
    );
  if (!from || !to) return undefined;
  const field = findField(spec.type, from.node, to.node, model, [...at, 'type'], report);
  if (!field) return undefined;
  if (from.forEach && to.forEach && from.forEach.text !== to.forEach.text) {
    report(
      at,
      `"${spec.from}" and "${spec.to}" fan out over different arrays (${from.forEach.text}, ${to.forEach.text}); a relationship pairs the items of one array`,
    );
    return undefined;
  }
  const propertyFields = relationshipPropertyFields(model, field);
  const properties = compileProperties(
    spec.properties ?? {},
    field.properties ?? spec.type,
    propertyFields,
    [...at, 'properties'],
    report,
    (name) =>
      field.properties
        ? `${field.properties} has no field "${name}"`
        : `${from.node.name}.${field.name} carries no properties`,
  );
  return {
    where: `relationships[${String(at[1])}] (${field.type})`,
    from,
    to,
    field,
    when: compileConditions(spec.when, [...at, 'when'], report),
    properties,
  };
}

/** The outgoing field of `from` with relationship type `type` that can end at `to`. */
function findField(
  type: string,
  from: NodeType,
  to: NodeType,
  model: GraphModel,
  at: readonly PropertyKey[],
  report: Report,
) {
  const candidates = outgoingRelationships(from).filter(
    (field) => field.type === type && endTypes(model, field).some((end) => end.name === to.name),
  );
  const [only] = candidates;
  if (only && candidates.length === 1) return only;
  if (candidates.length > 1) {
    report(
      at,
      `${from.name} has several outgoing ${type} relationships to ${to.name} (${candidates.map((field) => field.name).join(', ')}); the mapping cannot choose`,
    );
    return undefined;
  }
  const reverse = outgoingRelationships(to).find(
    (field) => field.type === type && endTypes(model, field).some((end) => end.name === from.name),
  );
  const known = [
    ...new Set(
      [...model.nodes.values()].flatMap((node) =>
        outgoingRelationships(node).map((field) => field.type),
      ),
    ),
  ];
  report(
    at,
    reverse
      ? `${type} goes from ${to.name} to ${from.name} (${to.name}.${reverse.name}): swap from and to`
      : known.includes(type)
        ? `${from.name} has no outgoing ${type} relationship to ${to.name}`
        : `the graph has no relationship type "${type}" (types: ${known.join(', ')})`,
  );
  return undefined;
}

/** Top-level record fields read anywhere in the mapping: everything else is unknown to a strict mapping. */
function knownFields(
  keep: readonly Condition[],
  drop: readonly Condition[],
  nodes: readonly CompiledNode[],
  relationships: readonly CompiledRelationship[],
): Set<string> {
  const known = new Set<string>();
  const add = (path: FieldPath | undefined, itemIsRecord: boolean): void => {
    if (!path || (!path.fromRecord && !itemIsRecord)) return;
    const field = topLevelField(path);
    if (field !== undefined) known.add(field);
  };
  for (const condition of [...keep, ...drop]) add(condition.field, true);
  for (const node of nodes) {
    add(node.forEach, true);
    const itemIsRecord = node.forEach === undefined;
    for (const condition of node.when) add(condition.field, itemIsRecord);
    for (const value of [...node.key, ...node.properties]) add(value.path, itemIsRecord);
  }
  for (const relationship of relationships) {
    const itemIsRecord = !relationship.from.forEach && !relationship.to.forEach;
    for (const condition of relationship.when) add(condition.field, itemIsRecord);
    for (const value of relationship.properties) add(value.path, itemIsRecord);
  }
  return known;
}
