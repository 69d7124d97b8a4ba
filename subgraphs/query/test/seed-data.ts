import { toBoltDateTime } from '@memgate/cypher';
import neo4j from 'neo4j-driver';

const int = (value: number | string) => neo4j.int(value);

/** The seed as plain rows, so tests can compute expected answers from the same data. */
export const PEOPLE = [
  {
    id: 'p1',
    name: 'Ada',
    age: 36,
    influence: 0.9,
    active: true,
    aliases: ['Countess'],
    bornAt: '1815-12-10T08:00:00.123456789Z',
    balance: '9007199254740993',
  },
  {
    id: 'p2',
    name: 'Alan',
    age: 41,
    influence: 0.8,
    active: true,
    aliases: [],
    bornAt: '1912-06-23T10:00:00Z',
    balance: '-42',
  },
  {
    id: 'p3',
    name: 'Grace',
    age: 85,
    influence: 0.7,
    active: false,
    aliases: ['Amazing Grace'],
    bornAt: '1906-12-09T00:00:00Z',
    balance: '0',
  },
  {
    id: 'p4',
    name: 'Edsger',
    age: 72,
    influence: 0.6,
    active: true,
    aliases: [],
    bornAt: '1930-05-11T00:00:00Z',
    balance: '1',
  },
  {
    id: 'p5',
    name: 'Barbara',
    age: 29,
    influence: 0.5,
    active: true,
    aliases: [],
    bornAt: '1939-11-07T00:00:00Z',
    balance: '2',
  },
  {
    id: 'p6',
    name: 'Donald',
    age: 30,
    influence: 0.4,
    active: false,
    aliases: ['Don'],
    bornAt: '1938-01-10T00:00:00+01:00',
    balance: '3',
  },
] as const;

export const ORGANIZATIONS = [
  { id: 'o1', name: 'Analytical Engines', revenue: '123456789012345678' },
  { id: 'o2', name: 'Bletchley', revenue: '5' },
] as const;

export const DOCUMENTS = [
  { id: 'd1', title: 'Notes', wordCount: 20000, publishedAt: '1843-09-01T00:00:00Z' },
  {
    id: 'd2',
    title: 'On Computable Numbers',
    wordCount: 12000,
    publishedAt: '1936-11-12T00:00:00Z',
  },
  {
    id: 'd3',
    title: 'Goto Considered Harmful',
    wordCount: 1500,
    publishedAt: '1968-03-01T00:00:00Z',
  },
] as const;

/** [from, to, strength] */
export const KNOWS = [
  ['p1', 'p2', 0.9],
  ['p1', 'p3', 0.2],
  ['p1', 'p4', 0.5],
  ['p2', 'p1', 0.9],
  ['p2', 'p5', 0.3],
  ['p3', 'p4', 0.6],
  ['p4', 'p6', 0.7],
] as const;

/** [person, organisation, role, startYear] */
export const WORKS_AT = [
  ['p1', 'o1', 'Programmer', 1842],
  ['p2', 'o2', 'Cryptanalyst', 1939],
  ['p5', 'o2', 'Analyst', 1940],
  ['p1', 'o2', 'Advisor', 1850],
] as const;

export const AUTHORED = [
  ['p1', 'd1'],
  ['p2', 'd2'],
  ['p4', 'd3'],
] as const;

export const MENTIONS = [
  ['d1', 'o1'],
  ['d1', 'p2'],
  ['d2', 'p1'],
] as const;

export const FOLLOWS = [
  ['p5', 'p1'],
  ['p5', 'o1'],
  ['p6', 'o2'],
] as const;

/** The seed's parameters with Bolt types: integers as Integers, date-times as DateTimes. */
export function seedParams(): Record<string, unknown> {
  return {
    people: PEOPLE.map((p) => ({
      ...p,
      age: int(p.age),
      bornAt: toBoltDateTime(p.bornAt),
      balance: int(p.balance),
      aliases: [...p.aliases],
    })),
    organizations: ORGANIZATIONS.map((o) => ({ ...o, revenue: int(o.revenue) })),
    documents: DOCUMENTS.map((d) => ({
      ...d,
      wordCount: int(d.wordCount),
      publishedAt: toBoltDateTime(d.publishedAt),
    })),
    knows: KNOWS.map((k) => [...k]),
    worksAt: WORKS_AT.map(([p, o, role, year]) => [p, o, role, int(year)]),
    authored: AUTHORED.map((a) => [...a]),
    mentions: MENTIONS.map((m) => [...m]),
    follows: FOLLOWS.map((f) => [...f]),
  };
}
