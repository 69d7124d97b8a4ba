import { intVar, listVar } from '@memgate/platform/config';

/** Limits on what one request or one client may ask of the gateway, on HTTP and WebSocket alike. */
export const limitsConfigSpec = {
  maxDepth: intVar('MEMGATE_LIMIT_DEPTH', {
    description: 'Deepest field nesting an operation may have (introspection excepted).',
    default: 12,
    min: 1,
  }),
  maxAliases: intVar('MEMGATE_LIMIT_ALIASES', {
    description: 'Most aliases one operation may use.',
    default: 30,
    min: 0,
  }),
  maxDirectives: intVar('MEMGATE_LIMIT_DIRECTIVES', {
    description: 'Most directives one operation may use.',
    default: 50,
    min: 0,
  }),
  maxTokens: intVar('MEMGATE_LIMIT_TOKENS', {
    description: 'Most lexical tokens a document may have; parsing stops past it.',
    default: 5000,
    min: 1,
  }),
  maxCost: intVar('MEMGATE_LIMIT_COST', {
    description:
      'Highest estimated cost of an operation: every object field costs 1 (or its @cost weight), times the list sizes above it.',
    default: 50_000,
    min: 1,
  }),
  defaultListSize: intVar('MEMGATE_LIMIT_COST_LIST_SIZE', {
    description:
      'List size the cost estimate assumes when no slicing argument (or @listSize) bounds a list.',
    default: 100,
    min: 1,
  }),
  costSlicingArguments: listVar('MEMGATE_LIMIT_COST_SLICING_ARGUMENTS', {
    description: 'Arguments that bound the size of a list field, for the cost estimate.',
    default: 'first,last,limit',
  }),
  maxBatchSize: intVar('MEMGATE_LIMIT_BATCH_SIZE', {
    description:
      'Most operations in one batched HTTP request (a JSON array); 0 turns batching off.',
    default: 10,
    min: 0,
    max: 1000,
  }),
  rateLimitPerSecond: intVar('MEMGATE_RATE_LIMIT_PER_SECOND', {
    description:
      'Operations per second each client (token `sub`, else IP address) may sustain; 0 turns rate limiting off.',
    default: 50,
    min: 0,
  }),
  rateLimitBurst: intVar('MEMGATE_RATE_LIMIT_BURST', {
    description: 'Operations a client may send in one burst above the sustained rate.',
    default: 100,
    min: 1,
  }),
  trustProxyHops: intVar('MEMGATE_TRUST_PROXY_HOPS', {
    description:
      'Proxies (ingress, load balancer) in front of the gateway whose X-Forwarded-For is trusted to tell client IPs.',
    default: 0,
    min: 0,
    max: 10,
  }),
};
