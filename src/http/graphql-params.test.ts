import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readParams } from './graphql-params.ts';

const percentEncoded = (bytes: Uint8Array) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

describe("a GET's query string", () => {
  it('is refused exactly when the bytes its query percent-encodes are not UTF-8', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), fc.boolean(), (bytes, upperCase) => {
        const encoded = upperCase ? percentEncoded(bytes).toUpperCase() : percentEncoded(bytes);
        const read = readParams('GET', `/graphql?query=${encoded}`, null);
        expect(read.kind === 'malformed' && read.message.includes('not UTF-8')).toBe(!isUtf8(bytes));
      }),
      { numRuns: 5_000 },
    );
  });

  it('reads any text as sent, encoded as encodeURIComponent encodes it, or with its characters unencoded', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), (text) => {
        for (const written of [encodeURIComponent(text), text.replace(/[%&#+=]/g, encodeURIComponent)]) {
          const read = readParams('GET', `/graphql?query=${written}`, null);
          expect(read.kind === 'params' && read.params.query).toBe(text);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('reads a % that names no byte as itself, beside bytes that are UTF-8', () => {
    const read = readParams('GET', '/graphql?query=%E5%90%8D%zz%4', null);
    expect(read.kind === 'params' && read.params.query).toBe('名%zz%4');
  });
});
