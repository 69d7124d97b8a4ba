import { buildSubgraphSchema } from '@apollo/subgraph';
import { parseGraphModel } from '@memgate/graph-model';
import { readGraphTypeDefs } from '@memgate/schema';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { testModel } from '../../test/test-model.js';
import { generateIngestionSubgraphSdl } from './generate-ingestion-sdl.js';

const sdl = generateIngestionSubgraphSdl(testModel());

describe('generateIngestionSubgraphSdl', () => {
  it('links federation 2 and imports @key only', () => {
    expect(sdl.split('\n')[0]).toBe(
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])',
    );
  });

  it('offers one upsert per node type, named after its plural, answering with a receipt', () => {
    expect(sdl).toContain('  upsertPeople(input: [PersonInput!]!): IngestionReceipt!\n');
    expect(sdl).toContain('  upsertReadings(input: [ReadingInput!]!): IngestionReceipt!\n');
  });

  it('makes key fields required and every other stored scalar optional, with descriptions', () => {
    expect(sdl).toContain(
      [
        'input PersonInput {',
        '  id: ID!',
        '  name: String',
        '  age: Int',
        '  """From 0 to 1."""',
        '  score: Float',
        '  active: Boolean',
        '  tags: [String!]',
        '  bornAt: DateTime',
        '  wealth: BigInt',
        '  email: String',
        '}',
      ].join('\n'),
    );
    expect(sdl).toContain(
      'input ReadingInput {\n  sensor: String!\n  seq: Int!\n  value: Float\n}',
    );
  });

  it('leaves relationship fields out of the upsert inputs', () => {
    const personInput = /input PersonInput \{[^}]*\}/.exec(sdl)?.[0];
    expect(personInput).not.toMatch(/knows|worksAt|follows/);
  });

  it('offers connect and disconnect per outgoing relationship field, none for IN fields', () => {
    for (const field of [
      'connectPersonKnows(input: [PersonKnowsConnectInput!]!): IngestionReceipt!',
      'disconnectPersonKnows(input: [PersonKnowsDisconnectInput!]!): IngestionReceipt!',
      'connectPersonWorksAt(input: [PersonWorksAtConnectInput!]!): IngestionReceipt!',
      'connectPersonFollows(input: [PersonFollowsConnectInput!]!): IngestionReceipt!',
      'connectPersonRecorded(input: [PersonRecordedConnectInput!]!): IngestionReceipt!',
    ]) {
      expect(sdl).toContain(`\n  ${field}\n`);
    }
    expect(sdl).not.toMatch(/KnownBy|connectOrganizationEmployees/);
  });

  it('types relationship ends by key, properties by their type, and an abstract end as one-of', () => {
    expect(sdl).toContain(
      'input PersonKnowsConnectInput {\n  from: PersonKeyInput!\n  to: PersonKeyInput!\n  properties: AcquaintanceInput\n}',
    );
    expect(sdl).toContain(
      'input PersonKnowsDisconnectInput {\n  from: PersonKeyInput!\n  to: PersonKeyInput!\n}',
    );
    expect(sdl).toContain(
      'input PersonFollowsConnectInput {\n  from: PersonKeyInput!\n  to: FollowableKeyInput!\n}',
    );
    expect(sdl).toContain(
      'input FollowableKeyInput {\n  Person: PersonKeyInput\n  Organization: OrganizationKeyInput\n}',
    );
    expect(sdl).toContain('input ReadingKeyInput {\n  sensor: String!\n  seq: Int!\n}');
    expect(sdl).toContain(
      'input AcquaintanceInput {\n  since: DateTime\n  """From 0 to 1."""\n  strength: Float\n}',
    );
    expect(sdl).toContain('input EmploymentInput {\n  role: String\n  startYear: Int\n}');
  });

  it('offers deletes by key and raw ingest', () => {
    expect(sdl).toContain('  deletePeople(keys: [PersonKeyInput!]!): IngestionReceipt!\n');
    expect(sdl).toContain('  deleteReadings(keys: [ReadingKeyInput!]!): IngestionReceipt!\n');
    expect(sdl).toContain(
      '  ingest(source: String!, records: [JSON!]!, idempotencyKey: String): IngestionReceipt!\n',
    );
    expect(sdl).toContain('scalar JSON');
  });

  it('declares node types as key-only stubs the gateway resolves elsewhere', () => {
    expect(sdl).toContain('type Person @key(fields: "id", resolvable: false) {\n  id: ID!\n}');
    expect(sdl).toContain(
      'type Reading @key(fields: "sensor seq", resolvable: false) {\n  sensor: String!\n  seq: Int!\n}',
    );
  });

  it('describes the receipt as an entity listing the entities it touched', () => {
    expect(sdl).toContain('type IngestionReceipt @key(fields: "id") {');
    for (const field of [
      'id: ID!',
      'source: String!',
      'status: IngestionStatus!',
      'accepted: Int!',
      'rejected: Int!',
      'written: Int!',
      'skipped: Int!',
      'errors: [IngestionError!]!',
      'createdAt: DateTime!',
      'updatedAt: DateTime!',
      'people: [Person!]!',
      'readings: [Reading!]!',
    ]) {
      expect(sdl).toContain(`\n  ${field}\n`);
    }
    expect(sdl).toContain(
      'type IngestionError {\n  topic: String!\n  partition: Int!\n  offset: String!\n  "The record\'s place in its message, when the message carries several (a frame); null when it is the message."\n  index: Int\n  "The record\'s place (0-based) in the request that sent it: null when not known: records of an external topic, records refused while an upload was read, messages the worker could not read, and operations queued by earlier releases."\n  record: Int\n  reason: String!\n}',
    );
    expect(sdl).toMatch(/enum IngestionStatus \{[^}]*ACCEPTED[^}]*COMPLETED[^}]*FAILED[^}]*\}/);
    expect(sdl).toContain('  ingestionReceipt(id: ID!): IngestionReceipt\n');
  });

  it('is a pure function of the model', () => {
    expect(generateIngestionSubgraphSdl(testModel())).toBe(sdl);
  });

  it('never mentions the bookkeeping labels', () => {
    expect(sdl).not.toMatch(/Memgate(Receipt|Offset)/);
  });

  it('builds as a subgraph schema, for the test model and the example domain', () => {
    expect(() => buildSubgraphSchema({ typeDefs: parse(sdl) })).not.toThrow();
    const example = generateIngestionSubgraphSdl(parseGraphModel(readGraphTypeDefs()));
    expect(() => buildSubgraphSchema({ typeDefs: parse(example) })).not.toThrow();
    expect(example).toContain('upsertPeople(input: [PersonInput!]!): IngestionReceipt!');
    expect(example).toContain('connectDocumentMentions(input: [DocumentMentionsConnectInput!]!)');
    expect(example).toContain(
      'input EntityKeyInput {\n  Person: PersonKeyInput\n  Organization: OrganizationKeyInput\n  Topic: TopicKeyInput\n}',
    );
  });

  it('declares the subscriptions the gateway serves from the changes topic', () => {
    expect(sdl).toContain(
      [
        'type Subscription {',
        '  "Changes as they are written, optionally only of some node types or some keys."',
        '  graphChanged(types: [String!], keys: [ID!]): GraphChange!',
        '  "The receipt each time a batch moves it, until it is completed or failed."',
        '  ingestionProgress(receiptId: ID!): IngestionReceipt!',
        '}',
      ].join('\n'),
    );
    expect(sdl).toContain('union GraphNode = Person | Organization | Reading\n');
    expect(sdl).toMatch(
      /enum GraphChangeKind \{[^}]*CREATED[^}]*UPDATED[^}]*DELETED[^}]*CONNECTED[^}]*DISCONNECTED[^}]*\}/,
    );
    for (const field of [
      'kind: GraphChangeKind!',
      'typename: String!',
      'key: ID!',
      'receiptId: ID',
      'at: DateTime!',
      'node: GraphNode',
    ]) {
      expect(/type GraphChange \{[^}]*\}/.exec(sdl)?.[0]).toContain(`\n  ${field}\n`);
    }
  });
});
