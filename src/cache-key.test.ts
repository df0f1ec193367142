import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheKey } from './cache-key.ts';

describe('cacheKey', () => {
  it('keys a long request by its SHA-256 digest: 44 characters whatever the length', () => {
    for (const length of [10_000, 99_000]) {
      const long = 'x'.repeat(length);
      const expected = createHash('sha256').update('3:').update('GET').update(`${length}:`).update(long).digest('base64url');
      const key = cacheKey('GET', long);
      expect(key).toBe(`#${expected}`);
      expect(key).toHaveLength(44);
    }
  });

  it('never gives two different lists of parts the same key (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 1500 }), { maxLength: 3 }), fc.array(fc.string({ maxLength: 1500 }), { maxLength: 3 }), (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(cacheKey(...a)).not.toBe(cacheKey(...b));
      }),
    );
  });

  it('gives a Buffer and its text the same key', () => {
    expect(cacheKey('POST', Buffer.from('{"query":"{ notices { key } }"}'))).toBe(cacheKey('POST', '{"query":"{ notices { key } }"}'));
  });
});
