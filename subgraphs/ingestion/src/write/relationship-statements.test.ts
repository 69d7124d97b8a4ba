import type { RelationshipField } from '@memgate/graph-model';
import { describe, expect, it } from 'vitest';
import { nodeOf, testModel } from '../../test/test-model.js';
import {
  connectStatement,
  disconnectStatement,
  missingEndsStatement,
  nodeDeleteStatement,
  type ConnectRow,
  type DeleteRow,
  type DisconnectRow,
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
    const rows: ConnectRow[] = [[0, 'p1', 'p2', { strength: 0.5 }]];
    expect(connectStatement(knows, rows)).toEqual({
      text: [
        'UNWIND $rows AS row',
        'MATCH (a:`Person` {`id`: row[1]})',
        'MATCH (b:`Person` {`id`: row[2]})',
        'MERGE (a)-[r:`KNOWS`]->(b)',
        'SET r += row[3]',
        'RETURN collect(row[0]) AS rows',
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
        'MATCH (a:`Person` {`id`: row[1]})',
        'MATCH (b:`Organization` {`id`: row[2]})',
        'MERGE (a)-[r:`FOLLOWS`]->(b)',
        'RETURN collect(row[0]) AS rows',
      ].join('\n'),
    );
  });

  it('matches every field of a composite end key', () => {
    expect(
      connectStatement({ from: person, field: field('recorded'), to: reading }, []).text,
    ).toContain('MATCH (b:`Reading` {`sensor`: row[2][0], `seq`: row[2][1]})');
  });

  it('asks which end is missing, for the rows that wrote nothing', () => {
    const rows: ConnectRow[] = [[3, 'p1', 'p9', {}]];
    expect(missingEndsStatement(knows, rows)).toEqual({
      text: [
        'UNWIND $rows AS row',
        'OPTIONAL MATCH (a:`Person` {`id`: row[1]})',
        'OPTIONAL MATCH (b:`Person` {`id`: row[2]})',
        'RETURN row[0] AS i, a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound',
      ].join('\n'),
      params: { rows },
    });
  });
});

describe('disconnect', () => {
  it('MATCHes the relationship between the two keyed nodes, DELETEs it and names the rows that found one', () => {
    const rows: DisconnectRow[] = [[0, 'p1', 'p2']];
    expect(disconnectStatement(knows, rows)).toEqual({
      text: [
        'UNWIND $rows AS row',
        'MATCH (a:`Person` {`id`: row[1]})-[r:`KNOWS`]->(b:`Person` {`id`: row[2]})',
        'DELETE r',
        'RETURN collect(row[0]) AS rows',
      ].join('\n'),
      params: { rows },
    });
  });
});

describe('delete', () => {
  it('DETACH DELETEs nodes by key and names the rows that found one', () => {
    const rows: DeleteRow[] = [[0, ['s1', 7]]];
    expect(nodeDeleteStatement(reading, rows)).toEqual({
      text: [
        'UNWIND $rows AS row',
        'MATCH (n:`Reading` {`sensor`: row[1][0], `seq`: row[1][1]})',
        'DETACH DELETE n',
        'RETURN collect(row[0]) AS rows',
      ].join('\n'),
      params: { rows },
    });
  });
});
