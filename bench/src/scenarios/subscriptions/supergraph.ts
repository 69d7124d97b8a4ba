import { composeServices } from '@apollo/composition';
import { subscriptionSdl } from '@memgate/gateway';
import { parseGraphModel } from '@memgate/graph-model';
import { generateIngestionSubgraphSdl } from '@memgate/ingestion';
import { generateQuerySubgraphSdl } from '@memgate/query';
import { readGraphTypeDefs } from '@memgate/schema';
import { parse } from 'graphql';

/**
 * The example domain's supergraph with the subscription fields the gateway
 * serves. Until the ingestion subgraph declares them itself, they are added
 * to its SDL here, as the gateway's end-to-end test does. No subgraph is
 * called: the subscribers select nothing a subgraph would resolve.
 */
export function supergraphWithSubscriptions(): string {
  const model = parseGraphModel(readGraphTypeDefs());
  const ingestionSdl = generateIngestionSubgraphSdl(model);
  const withSubscriptions = /\btype Subscription\b/.test(ingestionSdl)
    ? ingestionSdl
    : ingestionSdl + subscriptionSdl([...model.nodes.keys()]);
  const result = composeServices([
    {
      name: 'query',
      url: 'http://localhost:4001/graphql',
      typeDefs: parse(generateQuerySubgraphSdl(model)),
    },
    { name: 'ingestion', url: 'http://localhost:4002/graphql', typeDefs: parse(withSubscriptions) },
  ]);
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}
