import { describe, expect, it } from 'vitest';
import { withVary } from './compression.ts';

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
