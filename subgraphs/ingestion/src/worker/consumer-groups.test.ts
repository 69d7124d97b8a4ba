import { describe, expect, it } from 'vitest';
import { ingestionTopics } from '../kafka/topics.js';
import type { CompiledMapping } from '../mapping/compiled-mapping.js';
import { MappingRegistry } from '../mapping/mapping-registry.js';
import { consumerGroups } from './consumer-groups.js';

const mapping = (source: string, topic?: string, groupId?: string) =>
  ({ source, topic, groupId }) as CompiledMapping;

describe('consumerGroups', () => {
  it("reads graph-ops, raw topics and external topics without a group in the workers' group; a groupId gets its own", () => {
    const registry = new MappingRegistry([
      mapping('crm'),
      mapping('feed', 'external.feed'),
      mapping('clicks', 'external.clicks', 'clicks-readers'),
    ]);
    const groups = consumerGroups('writers', ingestionTopics('m.'), registry);
    expect(groups.map(({ groupId, decoders }) => [groupId, [...decoders.keys()]])).toEqual([
      ['writers', ['m.graph-ops', 'm.raw.clicks', 'm.raw.crm', 'm.raw.feed', 'external.feed']],
      ['clicks-readers', ['external.clicks']],
    ]);
  });
});
