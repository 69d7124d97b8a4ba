import { describe, expect, it } from 'vitest';
import { testModel } from '../../test/test-model.js';
import { formatProblem } from './mapping-problems.js';
import { readMapping } from './read-mapping.js';

const model = testModel();

/** The problems of a mapping, as `npm start` prints them. */
const problemsOf = (text: string, file = 'mappings/contacts.yaml') =>
  readMapping(file, text, model).problems.map(formatProblem);

const VALID = `source: contacts
nodes:
  - as: person
    type: Person
    key:
      id: id
    properties:
      name: name
  - as: company
    type: Organization
    key:
      id: company.id
    properties:
      name: company.name
relationships:
  - type: WORKS_AT
    from: person
    to: company
`;

describe('readMapping', () => {
  it('compiles a valid mapping against the model', () => {
    const { mapping, problems } = readMapping('m.yaml', VALID, model);
    expect(problems).toEqual([]);
    expect(mapping?.nodes.map((node) => [node.alias, node.node.name])).toEqual([
      ['person', 'Person'],
      ['company', 'Organization'],
    ]);
    expect(mapping?.relationships[0]?.field.name).toBe('worksAt');
    expect([...(mapping?.knownFields ?? [])]).toEqual(['id', 'name', 'company']);
  });

  it('reads JSON the same way, with lines', () => {
    const json = JSON.stringify(
      { source: 'contacts', nodes: [{ as: 'person', type: 'Persn', key: { id: 'id' } }] },
      null,
      2,
    );
    expect(problemsOf(json, 'mappings/contacts.json')).toEqual([
      'mappings/contacts.json:6:7: nodes[0].type: the graph has no node type "Persn" (node types: Person, Organization, Reading)',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problemsOf('source: contacts\nnodes: [\n  - as: x\n')).toEqual([
      'mappings/contacts.yaml:3:3: Block collections are not allowed within flow collections',
      'mappings/contacts.yaml:4:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(problemsOf('source: a\nsource: b\nnodes: []\n')).toEqual([
      'mappings/contacts.yaml:2:1: Map keys must be unique',
    ]);
  });

  it('reports schema errors at the line of the offending entry, unknown keys by name', () => {
    const text = `source: contacts
nodes:
  - as: person
    type: Person
    key:
      id: 42
    properties:
      name: { path: name, formt: x }
      age: { path: age, value: 3 }
relationships:
  - type: WORKS_AT
    form: person
`;
    expect(problemsOf(text)).toEqual([
      'mappings/contacts.yaml:6:7: nodes[0].key.id: expected a field path, or { path | value, default, format, split }',
      'mappings/contacts.yaml:8:27: nodes[0].properties.name.formt: unknown key "formt"',
      'mappings/contacts.yaml:9:7: nodes[0].properties.age: give exactly one of path (read from the record) and value (a constant)',
      'mappings/contacts.yaml:11:5: relationships[0]: "from" is missing',
      'mappings/contacts.yaml:11:5: relationships[0]: "to" is missing',
      'mappings/contacts.yaml:12:5: relationships[0].form: unknown key "form"',
    ]);
  });

  it('reports what the graph model does not have: types, fields, keys, relationships', () => {
    const text = `source: contacts
nodes:
  - as: person
    type: Person
    key:
      id: id
      name: name
    properties:
      nme: name
      knows: friends
      age: { path: age, format: YYYY }
      tags: { path: tags, split: ',' }
      score: { path: score, split: ',' }
  - as: reading
    type: Reading
    key:
      sensor: sensor
  - as: company
    type: Organization
    key:
      id: company.id
relationships:
  - type: WORKS_AT
    from: company
    to: person
  - type: LIKES
    from: person
    to: company
  - type: WORKS_AT
    from: person
    to: nobody
`;
    expect(problemsOf(text)).toEqual([
      'mappings/contacts.yaml:7:7: nodes[0].key.name: "name" is not a key field of Person (key: id)',
      'mappings/contacts.yaml:9:7: nodes[0].properties.nme: Person has no stored field "nme"',
      'mappings/contacts.yaml:10:7: nodes[0].properties.knows: Person.knows is a relationship: map it under relationships',
      'mappings/contacts.yaml:11:25: nodes[0].properties.age.format: age is Int; format is for DateTime fields',
      'mappings/contacts.yaml:13:29: nodes[0].properties.score.split: score is not a list; split is for list fields',
      'mappings/contacts.yaml:8:5: nodes[0].properties: Person.name is non-null: map it (a path, a value or a default)',
      'mappings/contacts.yaml:16:5: nodes[1].key: the key field Reading.seq is not mapped',
      'mappings/contacts.yaml:18:5: nodes[2].properties: Organization.name is non-null: map it (a path, a value or a default)',
      'mappings/contacts.yaml:23:5: relationships[0].type: WORKS_AT goes from Person to Organization (Person.worksAt): swap from and to',
      'mappings/contacts.yaml:26:5: relationships[1].type: the graph has no relationship type "LIKES" (types: KNOWS, WORKS_AT, FOLLOWS, RECORDED)',
      'mappings/contacts.yaml:31:5: relationships[2].to: no node is mapped as "nobody" (aliases: person, reading, company)',
    ]);
  });

  it('checks constants, defaults, date formats, paths and regular expressions at load time', () => {
    const text = `source: contacts
drop:
  - field: a..b
    equals: x
  - field: name
    matches: "("
nodes:
  - as: person
    type: Person
    forEach: "$x"
    key:
      id: { value: [1] }
    properties:
      name: { path: name, default: 3 }
      age: { path: age, default: old }
      bornAt: { path: born, format: YYYY-MM-dd }
      active: { path: active, equals: true }
`;
    expect(problemsOf(text)).toEqual([
      'mappings/contacts.yaml:17:31: nodes[0].properties.active.equals: unknown key "equals"',
    ]);
    expect(problemsOf(text.replace('      active: { path: active, equals: true }\n', ''))).toEqual([
      'mappings/contacts.yaml:12:13: nodes[0].key.id.value: id: expected a single ID, got a list',
      'mappings/contacts.yaml:15:25: nodes[0].properties.age.default: age: expected an Int, got "old"',
      'mappings/contacts.yaml:16:29: nodes[0].properties.bornAt.format: unknown token in the date format "YYYY-MM-dd" at "dd": use iso, epochMillis, epochSeconds or YYYY MM DD HH mm ss SSS',
      'mappings/contacts.yaml:10:5: nodes[0].forEach: "$x" is not a field path (write a.b[0].c, $ or $record.a)',
      'mappings/contacts.yaml:3:5: drop[0].field: "a..b" is not a field path (write a.b[0].c, $ or $record.a)',
      'mappings/contacts.yaml:6:5: drop[1].matches: not a regular expression: Invalid regular expression: /(/: Unterminated group',
    ]);
  });

  it('refuses aliases used twice and relationships pairing two different arrays', () => {
    const text = `source: contacts
nodes:
  - as: person
    type: Person
    forEach: people
    key: { id: id }
    properties: { name: name }
  - as: person
    type: Person
    key: { id: id }
    properties: { name: name }
  - as: friend
    type: Person
    forEach: friends
    key: { id: id }
    properties: { name: name }
relationships:
  - type: KNOWS
    from: person
    to: friend
`;
    expect(problemsOf(text)).toEqual([
      'mappings/contacts.yaml:8:5: nodes[1].as: the alias "person" is used twice',
      'mappings/contacts.yaml:18:5: relationships[0]: "person" and "friend" fan out over different arrays (people, friends); a relationship pairs the items of one array',
    ]);
  });
});
