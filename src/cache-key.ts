import { createHash } from 'node:crypto';

/**
 * Below this many characters a key is the parts themselves, which costs no hashing on the hot
 * path; V8 hashes strings by their contents up to 16,383 characters, so short keys cannot collide
 * on purpose.
 */
const PLAIN_KEY_MAX_LENGTH = 2048;

/**
 * A key for anything a client sent. V8 hashes strings over 16,383 characters by their length
 * alone, so a Map keyed on raw payloads degrades to a list under many long payloads of one length;
 * a long key is therefore a SHA-256 digest, which cannot be steered that way.
 */
export function cacheKey(...parts: readonly (string | Buffer)[]): string {
  let length = 0;
  for (const part of parts) length += part.length;
  // Each part is prefixed with its length, so no two different lists of parts read the same.
  if (length <= PLAIN_KEY_MAX_LENGTH) {
    let key = '';
    for (const part of parts) key += `${part.length}:${part.toString()}`;
    return key;
  }
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return `#${hash.digest('base64url')}`;
}
