import { createRequire } from 'node:module';
import type { IHeaders } from 'kafkajs';

/**
 * kafkajs' own record encoder and decoder, so a test sees headers exactly as
 * a consumer gets them from the broker (Buffers), not as a producer set them.
 */
const require = createRequire(import.meta.url);

interface EncoderLike {
  readonly buffer: Buffer;
}
type RecordEncoder = (record: { key: Buffer; value: Buffer; headers: IHeaders }) => EncoderLike;
type DecoderClass = new (buffer: Buffer) => { readVarIntBytes(): Buffer };
type RecordDecoder = (
  decoder: unknown,
  context: { firstOffset: string; firstTimestamp: string },
) => { headers: IHeaders; value: Buffer };

const encodeRecord =
  require('kafkajs/src/protocol/recordBatch/record/v0/index.js') as RecordEncoder;
const decodeRecord =
  require('kafkajs/src/protocol/recordBatch/record/v0/decoder.js') as RecordDecoder;
const Decoder = require('kafkajs/src/protocol/decoder.js') as DecoderClass;

/** Encodes a message as a producer sends it and decodes it as a consumer receives it. */
export function throughKafkaWire(message: { value: string; headers: IHeaders }): {
  value: Buffer;
  headers: IHeaders;
} {
  const wire = encodeRecord({
    key: Buffer.from('k'),
    value: Buffer.from(message.value),
    headers: message.headers,
  }).buffer;
  // The batch decoder reads each record as length-prefixed bytes first.
  const body = new Decoder(wire).readVarIntBytes();
  return decodeRecord(new Decoder(body), { firstOffset: '0', firstTimestamp: '0' });
}
