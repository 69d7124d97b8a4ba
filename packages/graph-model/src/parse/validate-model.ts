import { concreteTargets, type GraphModel } from '../model/graph-model.js';
import type { ProblemList } from './graph-model-error.js';

/**
 * Checks that need the whole model: references between types, labels that
 * tell types apart, root field names, and the labels and relationship types
 * that @cypher statements mention.
 */
export function validateModel(model: GraphModel, problems: ProblemList): void {
  checkReferences(model, problems);
  checkPrimaryLabels(model, problems);
  checkRootFieldNames(model, problems);
  checkCypherVocabulary(model, problems);
}

function checkReferences(model: GraphModel, problems: ProblemList): void {
  for (const node of model.nodes.values()) {
    for (const field of node.fields.values()) {
      const where = `${node.name}.${field.name}`;
      if (field.kind === 'relationship') {
        const known =
          model.nodes.has(field.target) ||
          model.interfaces.has(field.target) ||
          model.unions.has(field.target);
        if (!known) {
          problems.add(
            where,
            `@relationship target ${field.target} is not a node type, interface or union`,
          );
        } else if (concreteTargets(model, field.target).length === 0) {
          problems.add(where, `@relationship target ${field.target} has no node types`);
        }
        if (field.properties !== undefined && !model.relationshipProperties.has(field.properties)) {
          problems.add(
            where,
            `@relationship properties "${field.properties}" is not a @relationshipProperties type`,
          );
        }
      }
      if (field.kind === 'cypher' && !field.returnsScalar && !model.nodes.has(field.returns)) {
        problems.add(
          where,
          `@cypher fields return a stored scalar or a node type, not ${field.returns}`,
        );
      }
    }
  }
  for (const union of model.unions.values()) {
    for (const member of union.members) {
      if (!model.nodes.has(member))
        problems.add(union.name, `union member ${member} is not a node type`);
    }
  }
}

/** Interfaces and unions are resolved by primary label, so it must name one type. */
function checkPrimaryLabels(model: GraphModel, problems: ProblemList): void {
  const owners = new Map<string, string>();
  for (const node of model.nodes.values()) {
    const primary = node.labels[0];
    if (primary === undefined) continue;
    const owner = owners.get(primary);
    if (owner) {
      problems.add(
        node.name,
        `primary label "${primary}" is already the primary label of ${owner}`,
      );
    } else {
      owners.set(primary, node.name);
    }
  }
}

function checkRootFieldNames(model: GraphModel, problems: ProblemList): void {
  const owners = new Map<string, string>();
  for (const node of [...model.nodes.values(), ...model.interfaces.values()]) {
    const owner = owners.get(node.plural);
    if (owner)
      problems.add(
        node.name,
        `plural "${node.plural}" is also the plural of ${owner}; set @node(plural:)`,
      );
    owners.set(node.plural, node.name);
  }
}

const NODE_LABELS = /\(\s*\w*\s*((?::\s*(?:`(?:[^`]|``)+`|\w+)\s*)+)/g;
const RELATIONSHIP_TYPES =
  /\[\s*\w*\s*:\s*((?:`(?:[^`]|``)+`|\w+)(?:\s*\|\s*:?\s*(?:`(?:[^`]|``)+`|\w+))*)/g;

function namesIn(fragment: string): string[] {
  return [...fragment.matchAll(/`((?:[^`]|``)+)`|(\w+)/g)].map(
    (match) => match[1]?.replaceAll('``', '`') ?? match[2] ?? '',
  );
}

/** A label or relationship type no node type uses is almost always a typo. */
function checkCypherVocabulary(model: GraphModel, problems: ProblemList): void {
  const labels = new Set([...model.nodes.values()].flatMap((node) => node.labels));
  const types = new Set(
    [...model.nodes.values()].flatMap((node) =>
      [...node.fields.values()].flatMap((field) =>
        field.kind === 'relationship' ? [field.type] : [],
      ),
    ),
  );
  for (const node of model.nodes.values()) {
    for (const field of node.fields.values()) {
      if (field.kind !== 'cypher') continue;
      const text = field.statement.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
      for (const match of text.matchAll(NODE_LABELS)) {
        for (const label of namesIn(match[1] ?? '')) {
          if (!labels.has(label)) {
            problems.add(
              `${node.name}.${field.name}`,
              `@cypher statement uses label :${label}, which no node type has`,
            );
          }
        }
      }
      for (const match of text.matchAll(RELATIONSHIP_TYPES)) {
        for (const type of namesIn(match[1] ?? '')) {
          if (!types.has(type)) {
            problems.add(
              `${node.name}.${field.name}`,
              `@cypher statement uses relationship type :${type}, which no @relationship declares`,
            );
          }
        }
      }
    }
  }
}
