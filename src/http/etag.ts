import { createHash } from 'node:crypto';

/**
 * A strong validator for a representation: the same parts (a media type, a body), the same tag.
 * Answers that differ only by their media type get different tags.
 */
export function etagOf(...parts: readonly (string | Buffer)[]): string {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return `"${hash.digest('base64url')}"`;
}

/** The tag without its weakness prefix, for If-None-Match's weak comparison (RFC 9110 §13.1.2). */
function opaque(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}

/** Whether an If-None-Match header (one tag, a list, or `*`) names this ETag. */
export function ifNoneMatchIncludes(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const wanted = opaque(etag);
  return ifNoneMatch.split(',').some((tag) => opaque(tag.trim()) === wanted);
}
