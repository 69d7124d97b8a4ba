import type { RelationshipField } from '@memgate/graph-model';
import { describe, expect, it } from 'vitest';
import { nodeOf, testModel } from '../../test/test-model.js';
import {
  connectStatement,
  disconnectStatement,
  missingEndsStatement,
  nodeDeleteStatement,
} from './relationship-statements.js';

/** The exact Cypher text and parameters of relationship and delete writes (TCK style). */
const model = testModel();
const person = nodeOf(model, 'Person');
const organization = nodeOf(model, 'Organization');
const reading = nodeOf(model, 'Reading');
const field = (name: string): RelationshipField => {
  const found = person.fields.get(name);
  if (found?.kind !== 'relationship') throw new Error(`no relationship ${name}`);
  return found;
};
const knows = { from: person, field: field('knows'), to: person };

describe('connect', () => {
  it('MATCHes both ends by primary label and key, MERGEs the relationship, sets its properties and names the rows it wrote', () => {
    const rows = [{ i: 0, fromKey: { id: 'p1' }, toKey: { id: 'p2' }, props: { strength: 0.5 } }];
    expect(connectStatement(knows, rows)).toEqual({
      text: [
        'UNWIND $rows AS row',
        'MATCH (a:`Person` {`id`: row.fromKey.`id`})',
        'MATCH (b:`Person` {`id`: row.toKey.`id`})',
        'MERGE (a)-[r:`KNOWS`]->(b)',
        'SET r += row.props',
        'RETURN collect(row.i) AS rows',
      ].join('\n'),
      params: { rows },
    });
  });

  it('sets no properties on a relationship without a properties type', () => {
    expect(
      connectStatement({ from: person, field: field('follows'), to: organization }, []).text,
    ).toBe(
      [
        'UNWIND $rows AS row',
        'MATCH (a:`Person` {`id`: row.fromKey.`id`})',
        'MATCH (b:`Organization` {`id`: row.toKey.`id`})',
        'MERGE (a)-[r:`FOLLOWS`]->(b)',
        'RETURN collect(row.i) AS rows',
      ].join('\n'),
    );
  });

  it('matches every field of a composite end key', () => {
    expect(
      connectStatement({ from: person, field: field('recorded'), to: reading }, []).text,
    ).toContain('MATCH (b:`Reading` {`sensor`: row.toKey.`sensor`, `seq`: row.toKey.`seq`})');
  });

  it('asks which end is missing, for the rows that wrote nothing', () => {
    const rows = [{ i: 3, fromKey: { id: 'p1' }, toKey: { id: 'p9' }, props: {} }];
    expect(missingEndsStatement(knows, rows)).toEqual({
      text: [
        'UNWIND $rows AS row',
        'OPTIONAL MATCH (a:`Person` {`id`: row.fromKey.`id`})',
        'OPTIONAL MATCH (b:`Person` {`id`: row.toKey.`id`})',
        'RETURN row.i AS i, a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound',
      ].join('\n'),
      params: { rows },
    });
  });
});

describe('disconnect', () => {
  it('MATCHes the relationship between the two keyed nodes, DELETEs it and names the rows that found one', () => {
    const rows = [{ i: 0, fromKey: { id: 'p1' }, toKey: { id: 'p2' } }];
    expect(disconnectStatement(knows, rows)).toEqual({
      text: [
        'UNWIND $rows AS row',
        'MATCH (a:`Person` {`id`: row.fromKey.`id`})-[r:`KNOWS`]->(b:`Person` {`id`: row.toKey.`id`})',
        'DELETE r',
        'RETURN collect(row.i) AS rows',
      ].join('\n'),
      params: { rows },
    });
  });
});

describe('delete', () => {
  it('DETACH DELETEs nodes by key and names the rows that found one', () => {
    const rows = [{ i: 0, key: { sensor: 's1', seq: 7 } }];
    expect(nodeDeleteStatement(reading, rows)).toEqual({
      text: [
        'UNWIND $rows AS row',
        'MATCH (n:`Reading` {`sensor`: row.key.`sensor`, `seq`: row.key.`seq`})',
        'DETACH DELETE n',
        'RETURN collect(row.i) AS rows',
      ].join('\n'),
      params: { rows },
    });
  });
});
