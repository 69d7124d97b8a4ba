import { ingestionNames } from '@memgate/ingestion';
import {
  parseGraphModel,
  type GraphModel,
  type NodeType,
  type RelationshipField,
} from '@memgate/graph-model';
import { readGraphTypeDefs } from '@memgate/schema';
import { queryGraphQL } from '../stack/graphql-client.js';
import { DEMO_GRAPH, DEMO_RELATIONSHIPS } from './demo-graph.js';

export interface Receipt {
  readonly id: string;
  readonly status: string;
  readonly accepted: number;
  readonly written: number;
  readonly rejected: number;
}

export interface LoadedDemoGraph {
  readonly nodes: readonly Receipt[];
  readonly relationships: readonly Receipt[];
}

/** One connect mutation with its records: every demo relationship of one field. */
interface ConnectBatch {
  readonly field: string;
  readonly inputType: string;
  readonly records: Record<string, unknown>[];
}

const RECEIPT_FIELDS = 'id status accepted written rejected';

/**
 * Loads the demo graph the way a producer would: typed upserts through the
 * gateway, into Kafka, written by the worker; then, once the nodes exist,
 * the relationships between them with connect mutations. Resolves when
 * every receipt is complete, so the printed example queries answer at once.
 * Mutation and input names come from the same model and naming rules the
 * ingestion subgraph generates its API from.
 */
export async function loadDemoGraph(
  gatewayUrl: string,
  timeoutMs = 60_000,
): Promise<LoadedDemoGraph> {
  const model = parseGraphModel(readGraphTypeDefs());
  const nodeReceipts: Receipt[] = [];
  for (const [plural, records] of Object.entries(DEMO_GRAPH)) {
    const node = nodeByPlural(model, plural);
    nodeReceipts.push(
      await send(gatewayUrl, ingestionNames.upsertField(node), ingestionNames.upsertInput(node), [
        ...records,
      ]),
    );
  }
  const nodes = await Promise.all(
    nodeReceipts.map((receipt) => waitForCompletion(gatewayUrl, receipt.id, timeoutMs)),
  );
  const relationshipReceipts: Receipt[] = [];
  for (const batch of connectBatches(model)) {
    relationshipReceipts.push(await send(gatewayUrl, batch.field, batch.inputType, batch.records));
  }
  const relationships = await Promise.all(
    relationshipReceipts.map((receipt) => waitForCompletion(gatewayUrl, receipt.id, timeoutMs)),
  );
  return { nodes, relationships };
}

async function send(
  gatewayUrl: string,
  field: string,
  inputType: string,
  input: readonly unknown[],
): Promise<Receipt> {
  const data = await queryGraphQL<Record<string, Receipt>>(
    gatewayUrl,
    `mutation ($input: [${inputType}!]!) { ${field}(input: $input) { ${RECEIPT_FIELDS} } }`,
    { input },
  );
  const receipt = data[field];
  if (!receipt) throw new Error(`${field} answered without a receipt`);
  return receipt;
}

function nodeByPlural(model: GraphModel, plural: string): NodeType {
  const node = [...model.nodes.values()].find((candidate) => candidate.plural === plural);
  if (!node) throw new Error(`the demo graph has ${plural}, which the graph SDL does not define`);
  return node;
}

/** The demo relationships grouped by field, as connect inputs. */
export function connectBatches(model: GraphModel): ConnectBatch[] {
  const typeOfId = new Map<string, NodeType>();
  for (const [plural, records] of Object.entries(DEMO_GRAPH)) {
    const node = nodeByPlural(model, plural);
    for (const record of records) typeOfId.set(record.id, node);
  }
  const batches = new Map<string, ConnectBatch>();
  for (const [typeName, fromId, fieldName, toId, properties] of DEMO_RELATIONSHIPS) {
    const node = model.nodes.get(typeName);
    const field = node?.fields.get(fieldName);
    const target = typeOfId.get(toId);
    if (!node || field?.kind !== 'relationship' || !target) {
      throw new Error(
        `demo relationship ${typeName}.${fieldName} → ${toId} does not fit the graph SDL`,
      );
    }
    const name = ingestionNames.connectField(node, field);
    const batch = batches.get(name) ?? {
      field: name,
      inputType: ingestionNames.connectInput(node, field),
      records: [],
    };
    batches.set(name, batch);
    batch.records.push({
      from: keyOf(node, fromId),
      to: targetKey(model, field, target, toId),
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
    });
  }
  return [...batches.values()];
}

function keyOf(node: NodeType, id: string): Record<string, string> {
  return Object.fromEntries(node.keyFields.map((key) => [key, id]));
}

/** An interface or union target names the member type the key belongs to. */
function targetKey(
  model: GraphModel,
  field: RelationshipField,
  target: NodeType,
  id: string,
): Record<string, unknown> {
  return model.nodes.has(field.target) ? keyOf(target, id) : { [target.name]: keyOf(target, id) };
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
      `query ($id: ID!) { ingestionReceipt(id: $id) { ${RECEIPT_FIELDS} } }`,
      { id },
    );
    if (ingestionReceipt && ingestionReceipt.status !== 'ACCEPTED') return ingestionReceipt;
    if (Date.now() > deadline)
      throw new Error(`receipt ${id} did not complete within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
