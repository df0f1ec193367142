import type { IsoDate } from '../domain/calendar.ts';
import type { EncodedBody } from './compression.ts';

export interface CachedResponse {
  status: number;
  contentType: string;
  /** With its compressed forms, made once on the first hit that asks for each. */
  body: EncodedBody;
  etag: string;
  operationName: string | null;
  cost: number | null;
  /** Set when the answer used today's date: it is only valid on that Tokyo day. */
  day: IsoDate | null;
}

/**
 * Whole GraphQL responses for repeatable requests, least recently used evicted first. Callers
 * never store an answer computed from personal data (birth dates) or one with errors.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private readonly maxEntries: number;

  constructor(maxEntries: number) {
    this.maxEntries = maxEntries;
  }

  get(key: string, today: IsoDate): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.day !== null && entry.day !== today) return undefined;
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CachedResponse): void {
    if (this.maxEntries === 0) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
