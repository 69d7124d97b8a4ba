import { buildSchema, specifiedRules, type GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ANONYMOUS } from '../security/principal.js';
import { admitOperation, type AdmissionOptions, type AdmittedOperation } from './admitOperation.js';
import { DocumentCache } from './documentCache.js';

const schema = buildSchema('type Query { a: Int } type Subscription { tick(n: Int): Int }');

function options(): AdmissionOptions {
  return {
    schema: () => schema,
    trustedDocuments: undefined,
    documentLimits: { parseOptions: {}, validationRules: [] },
    validationRules: specifiedRules,
    guards: [],
    documents: new DocumentCache(),
  };
}

async function admitted(
  admission: AdmissionOptions,
  query: string,
  variables?: Record<string, unknown>,
): Promise<AdmittedOperation> {
  const result = await admitOperation(admission, ANONYMOUS, { query, variables });
  if (!('operation' in result)) throw new Error((result as GraphQLError[])[0]?.message);
  return result;
}

describe('admitOperation', () => {
  it('hands alike operations one document, and those without variables one variables object', async () => {
    const admission = options();
    const first = await admitted(admission, 'subscription { tick }');
    const second = await admitted(admission, ['subscription', '{ tick }'].join(' '), { n: 1 });
    expect(second.document).toBe(first.document);
    // (The text is handed back from the cache too; that one string is shared
    // cannot be observed from JavaScript, only in a heap snapshot.)
    expect(second.variables).toBe(first.variables);
    expect(first.variables).toEqual({});
  });

  it('coerces the variables an operation declares, for it alone', async () => {
    const admission = options();
    const query = 'subscription ($n: Int) { tick(n: $n) }';
    const one = await admitted(admission, query, { n: 1 });
    const two = await admitted(admission, query, { n: 2 });
    expect([one.variables, two.variables]).toEqual([{ n: 1 }, { n: 2 }]);
  });
});
