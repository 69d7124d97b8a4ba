import { STATUS_CODES } from 'node:http';
import type { Fetcher } from './subgraphFetcher.js';

type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];

/**
 * A subgraph's answer, read whole, in the shape RemoteGraphQLDataSource
 * reads (`ok`, `status`, `headers.get`, `json()`/`text()`). Cheaper than a
 * WHATWG Response: no web stream, no WebIDL checks, one body decode.
 */
export class BufferedResponse implements FetcherResponse {
  readonly redirected = false;
  readonly ok: boolean;
  readonly statusText: string;
  readonly headers: FetcherHeaders;
  private used = false;

  constructor(
    readonly url: string,
    readonly status: number,
    headers: Readonly<Record<string, string | string[] | undefined>>,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.statusText = STATUS_CODES[status] ?? '';
    this.headers = new BufferedHeaders(headers);
  }

  get bodyUsed(): boolean {
    return this.used;
  }

  text(): Promise<string> {
    this.used = true;
    return Promise.resolve(this.body);
  }

  json(): Promise<unknown> {
    this.used = true;
    try {
      return Promise.resolve(JSON.parse(this.body) as unknown);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    this.used = true;
    const bytes = Buffer.from(this.body);
    return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  }

  clone(): FetcherResponse {
    return new BufferedResponse(this.url, this.status, {}, this.body);
  }
}

/** Response headers by lower-case name; repeated ones joined as fetch joins them. */
class BufferedHeaders implements FetcherHeaders {
  private readonly byName = new Map<string, string>();

  constructor(headers: Readonly<Record<string, string | string[] | undefined>>) {
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) this.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get(name: string): string | null {
    return this.byName.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  set(name: string, value: string): void {
    this.byName.set(name.toLowerCase(), value);
  }

  append(name: string, value: string): void {
    const current = this.get(name);
    this.set(name, current === null ? value : `${current}, ${value}`);
  }

  delete(name: string): void {
    this.byName.delete(name.toLowerCase());
  }

  entries(): IterableIterator<[string, string]> {
    return this.byName.entries();
  }

  keys(): IterableIterator<string> {
    return this.byName.keys();
  }

  values(): IterableIterator<string> {
    return this.byName.values();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.byName.entries();
  }
}
