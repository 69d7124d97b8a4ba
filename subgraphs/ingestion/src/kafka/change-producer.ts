import type { ChangeMessage, ChangeSink } from '../changes/change-event.js';
import type { DurableProducer } from './durable-producer.js';

/**
 * Publishes change events on the changes topic as plain JSON (the event
 * itself, no envelope: subscribers of any language read it), keyed by the
 * node they are about so that the changes of one node stay in order.
 */
export class ChangeProducer implements ChangeSink {
  constructor(
    private readonly producer: Pick<DurableProducer, 'send'>,
    private readonly topic: string,
  ) {}

  async send(messages: readonly ChangeMessage[]): Promise<void> {
    await this.producer.send(
      this.topic,
      messages.map(({ key, event }) => ({ key, value: JSON.stringify(event) })),
    );
  }
}
