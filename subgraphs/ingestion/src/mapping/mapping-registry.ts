import { MemgateError } from '@memgate/platform/errors';
import type { CompiledMapping } from './compiled-mapping.js';

/** The raw sources a deployment knows, by name. */
export class MappingRegistry {
  private readonly bySource: ReadonlyMap<string, CompiledMapping>;

  constructor(mappings: readonly CompiledMapping[]) {
    this.bySource = new Map(mappings.map((mapping) => [mapping.source, mapping]));
  }

  /** Source names in alphabetical order. */
  sources(): string[] {
    return [...this.bySource.keys()].sort();
  }

  /** The sources that consume an existing Kafka topic, in source order. */
  topicSources(): CompiledMapping[] {
    return this.sources().flatMap((source) => {
      const mapping = this.bySource.get(source);
      return mapping?.topic === undefined ? [] : [mapping];
    });
  }

  find(source: string): CompiledMapping | undefined {
    return this.bySource.get(source);
  }

  /** The mapping of a source, or BAD_USER_INPUT naming the sources there are. */
  require(source: string): CompiledMapping {
    const mapping = this.bySource.get(source);
    if (mapping) return mapping;
    const known = this.sources();
    throw new MemgateError(
      'BAD_USER_INPUT',
      known.length === 0
        ? `Unknown source ${JSON.stringify(source)}: no source is configured (MEMGATE_INGESTION_MAPPINGS_DIR).`
        : `Unknown source ${JSON.stringify(source)}. Known sources: ${known.join(', ')}.`,
      { details: { source, knownSources: known } },
    );
  }
}
