import { entityMessageKey } from '../model/entity-key.js';
import { orderingEntity, type GraphOperation } from '../transform/graph-operation.js';
import type { DurableProducer } from './durable-producer.js';
import { encodeOperation } from './operation-codec.js';

/**
 * Queues graph operations on the graph-ops topic, keyed by the entity they
 * start at (`Person:p1`), so every change of one node stays in order.
 */
export class OperationProducer {
  constructor(
    private readonly producer: Pick<DurableProducer, 'send'>,
    private readonly topic: string,
  ) {}

  async send(operations: readonly GraphOperation[]): Promise<void> {
    await this.producer.send(
      this.topic,
      operations.map((operation) => {
        const entity = orderingEntity(operation);
        return {
          key: entityMessageKey(entity.type, entity.key),
          value: encodeOperation(operation),
        };
      }),
    );
  }
}
