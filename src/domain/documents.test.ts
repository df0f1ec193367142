import { describe, expect, it } from 'vitest';
import { acceptableIfIssuedOn } from './documents.ts';

describe('acceptableIfIssuedOn', () => {
  // No. 4 of list A, 運転経歴証明書: only those issued on or after 平成24年4月1日.
  const drivingHistoryCertificate = { issuedOnOrAfter: '2012-04-01' };
  const passport = { issuedOnOrAfter: null };

  it.each([
    [drivingHistoryCertificate, '2012-03-31', false],
    [drivingHistoryCertificate, '2012-04-01', true],
    [drivingHistoryCertificate, '2020-01-01', true],
    [drivingHistoryCertificate, '1999-12-31', false],
    [passport, '1990-01-01', true],
    [passport, '2030-01-01', true],
  ])('%j issued on %s: %s', (document, issuedOn, acceptable) => {
    expect(acceptableIfIssuedOn(document, issuedOn)).toBe(acceptable);
  });
});
