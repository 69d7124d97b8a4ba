import { queryGraphQL } from '../stack/graphql-client.js';
import { DEMO_GRAPH } from './demo-graph.js';

interface Receipt {
  readonly id: string;
  readonly status: string;
  readonly accepted: number;
  readonly written: number;
  readonly rejected: number;
}

const MUTATIONS: Record<keyof typeof DEMO_GRAPH, [field: string, inputType: string]> = {
  people: ['upsertPeople', 'PersonInput'],
  organizations: ['upsertOrganizations', 'OrganizationInput'],
  topics: ['upsertTopics', 'TopicInput'],
  documents: ['upsertDocuments', 'DocumentInput'],
  events: ['upsertEvents', 'EventInput'],
};

/**
 * Loads the demo graph the way a producer would: typed upserts through the
 * gateway, into Kafka, written by the worker. Resolves when every receipt
 * is complete, so the printed example queries answer at once.
 */
export async function loadDemoGraph(gatewayUrl: string, timeoutMs = 60_000): Promise<Receipt[]> {
  const receipts: Receipt[] = [];
  for (const [collection, [field, inputType]] of Object.entries(MUTATIONS)) {
    const records = DEMO_GRAPH[collection as keyof typeof DEMO_GRAPH];
    const data = await queryGraphQL<Record<string, Receipt>>(
      gatewayUrl,
      `mutation ($input: [${inputType}!]!) { ${field}(input: $input) { id status accepted written rejected } }`,
      { input: records },
    );
    const receipt = data[field];
    if (receipt) receipts.push(receipt);
  }
  return Promise.all(
    receipts.map((receipt) => waitForCompletion(gatewayUrl, receipt.id, timeoutMs)),
  );
}

async function waitForCompletion(
  gatewayUrl: string,
  id: string,
  timeoutMs: number,
): Promise<Receipt> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { ingestionReceipt } = await queryGraphQL<{ ingestionReceipt: Receipt | null }>(
      gatewayUrl,
      'query ($id: ID!) { ingestionReceipt(id: $id) { id status accepted written rejected } }',
      { id },
    );
    if (ingestionReceipt && ingestionReceipt.status !== 'ACCEPTED') return ingestionReceipt;
    if (Date.now() > deadline)
      throw new Error(`receipt ${id} did not complete within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
