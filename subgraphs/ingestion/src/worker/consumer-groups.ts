import type { IngestionTopics } from '../kafka/topics.js';
import type { MappingRegistry } from '../mapping/mapping-registry.js';
import {
  graphOpsDecoder,
  rawDecoder,
  topicDecoder,
  type MessageDecoder,
} from './message-decoders.js';

/** One consumer group a worker joins, and how it reads each of its topics. */
export interface ConsumerGroupPlan {
  readonly groupId: string;
  readonly decoders: ReadonlyMap<string, MessageDecoder>;
}

/**
 * The workers' own group reads the graph-ops topic, every source's raw
 * topic and the external topics of mappings that name no group; a mapping
 * with a `groupId` gets a group of its own, so it can resume from offsets
 * that group already committed elsewhere, or be scaled apart.
 */
export function consumerGroups(
  workerGroupId: string,
  topics: IngestionTopics,
  mappings: Pick<MappingRegistry, 'sources' | 'find' | 'topicSources'>,
): ConsumerGroupPlan[] {
  const groups = new Map<string, Map<string, MessageDecoder>>([
    [workerGroupId, new Map([[topics.graphOps, graphOpsDecoder(topics.graphOps)]])],
  ]);
  const own = groups.get(workerGroupId) as Map<string, MessageDecoder>;
  for (const source of mappings.sources()) {
    own.set(topics.raw(source), rawDecoder(topics.raw(source), mappings.find(source)));
  }
  for (const mapping of mappings.topicSources()) {
    if (mapping.topic === undefined) continue;
    const groupId = mapping.groupId ?? workerGroupId;
    let decoders = groups.get(groupId);
    if (!decoders) groups.set(groupId, (decoders = new Map<string, MessageDecoder>()));
    decoders.set(mapping.topic, topicDecoder(mapping));
  }
  return [...groups].map(([groupId, decoders]) => ({ groupId, decoders }));
}
