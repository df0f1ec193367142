import { createHash } from 'node:crypto';

/**
 * A fixed-size key for anything a client sent. V8 hashes strings over 16,383 characters by their
 * length alone, so a Map keyed on raw payloads degrades to a list under many long payloads of one
 * length; a SHA-256 digest cannot be steered that way.
 */
export function digest(...parts: readonly (string | Buffer)[]): string {
  const hash = createHash('sha256');
  // Each part is prefixed with its length, so no two different lists of parts read the same.
  for (const part of parts) hash.update(`${part.length}:`).update(part);
  return hash.digest('base64url');
}
