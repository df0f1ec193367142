import { describe, expect, it } from 'vitest';
import { deprecationHeaders } from './deprecation.ts';

describe('deprecationHeaders', () => {
  it('sends nothing when nothing deprecated was used', () => {
    expect(deprecationHeaders([])).toEqual({});
  });

  it('gives Deprecation as a structured date (RFC 9745) and Sunset as an HTTP date (RFC 8594), Tokyo midnight', () => {
    const headers = deprecationHeaders([{ coordinate: 'A.b', reason: 'Use c. Deprecated on 2026-11-25. Removal on 2027-06-01' }]);
    // 2026-11-25T00:00+09:00 is 2026-11-24T15:00Z.
    expect(headers).toEqual({ deprecation: `@${Date.UTC(2026, 10, 24, 15) / 1000}`, sunset: 'Mon, 31 May 2027 15:00:00 GMT' });
  });

  it('speaks for several with the earliest dates', () => {
    const headers = deprecationHeaders([
      { coordinate: 'A.b', reason: 'Deprecated on 2026-12-01. Removal on 2027-08-01' },
      { coordinate: 'A.c', reason: 'Deprecated on 2026-11-25. Removal on 2027-06-01' },
    ]);
    expect(headers.sunset).toBe('Mon, 31 May 2027 15:00:00 GMT');
    expect(headers.deprecation).toBe('@1795532400');
  });
});
