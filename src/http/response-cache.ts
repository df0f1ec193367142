import { LRUCache } from 'lru-cache';
import type { IsoDate } from '../domain/calendar.ts';
import type { Audience } from './cache-policy.ts';
import type { EncodedBody } from './compression.ts';

export interface CachedResponse {
  status: number;
  /** Headers of the answer itself (content type, deprecation), without the caching ones. */
  headers: Readonly<Record<string, string>>;
  /** With its compressed forms, made once on the first hit that asks for each. */
  body: EncodedBody;
  etag: string;
  /** What the log line of a hit says of the operation, as the line of the answer computed first did. */
  operationName: string | null;
  persistedId: string | null;
  cost: number | null;
  /** Set when the answer used today's date: it is only valid on that Tokyo day. */
  day: IsoDate | null;
  audience: Audience;
}

/** What an entry holds beyond its body (key, headers, bookkeeping), for the byte budget. */
const ENTRY_OVERHEAD_BYTES = 512;
/** Room for the compressed forms an entry gathers beside its plain body (each well under half of it). */
const CODINGS_FACTOR = 2;

/**
 * Whole GraphQL answers for repeatable requests, keyed by the request (a digest of a long one), bounded by
 * bytes, least recently used evicted first. The pipeline stores only what the cache policy allows:
 * never an answer to an operation that names personal data, never one with errors.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, CachedResponse> | null;

  constructor(maxEntries: number, maxBytes: number) {
    this.entries =
      maxEntries > 0 && maxBytes > 0
        ? new LRUCache({ max: maxEntries, maxSize: maxBytes, sizeCalculation: (entry) => entry.body.identity.length * CODINGS_FACTOR + ENTRY_OVERHEAD_BYTES })
        : null;
  }

  get(key: string, today: IsoDate): CachedResponse | undefined {
    const entry = this.entries?.get(key);
    if (entry?.day != null && entry.day !== today) {
      this.entries?.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: CachedResponse): void {
    this.entries?.set(key, entry);
  }

  clear(): void {
    this.entries?.clear();
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }
}
