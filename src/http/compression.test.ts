import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { COMPRESSION, EncodedBody, withVary } from './compression.ts';

describe('withVary', () => {
  it.each([
    [undefined, 'Accept-Encoding', 'Accept-Encoding'],
    ['', 'Accept-Encoding', 'Accept-Encoding'],
    ['  ', 'Accept-Encoding', 'Accept-Encoding'],
    ['Accept', 'Accept-Encoding', 'Accept, Accept-Encoding'],
    [' Accept ', 'Origin', 'Accept, Origin'],
    ['Accept, Origin', 'Accept-Encoding', 'Accept, Origin, Accept-Encoding'],
    ['accept-encoding', 'Accept-Encoding', 'accept-encoding'],
    ['Accept,Accept-Encoding', 'Accept-Encoding', 'Accept, Accept-Encoding'],
    ['*', 'Origin', '*'],
  ])('adds to %j the field %s: %j', (vary, field, expected) => {
    expect(withVary(vary, field)).toBe(expected);
  });
});

describe('EncodedBody.encodeOffLoop', () => {
  it('makes each coding once, the one encode() then returns', async () => {
    const body = new EncodedBody(Buffer.from('GraphiQL '.repeat(1_000)), COMPRESSION.static);
    const br = await body.encodeOffLoop('br');
    const gzip = await body.encodeOffLoop('gzip');
    expect(brotliDecompressSync(br)).toEqual(body.identity);
    expect(gunzipSync(gzip)).toEqual(body.identity);
    expect(body.encode('br')).toBe(br);
    expect(await body.encodeOffLoop('gzip')).toBe(gzip);
  });
});
