import { describe, expect, it } from 'vitest';
import { acceptableIfIssuedOn } from './documents.ts';

describe('acceptableIfIssuedOn', () => {
  // No. 4 of list A, 運転経歴証明書: only those issued on or after 平成24年4月1日.
  const drivingHistoryCertificate = { issuedOnOrAfter: '2012-04-01', lastExpiresOn: null };
  const passport = { issuedOnOrAfter: null, lastExpiresOn: null };
  // No. 2, 住民基本台帳カード: every one had expired by the end of December 2025, and none expired is taken.
  const basicResidentRegisterCard = { issuedOnOrAfter: null, lastExpiresOn: '2025-12-31' };

  it.each([
    [drivingHistoryCertificate, '2012-03-31', '2026-12-06', false],
    [drivingHistoryCertificate, '2012-04-01', '2026-12-06', true],
    [drivingHistoryCertificate, '2020-01-01', '2026-12-06', true],
    [drivingHistoryCertificate, '1999-12-31', '2026-12-06', false],
    [passport, '1990-01-01', '2026-12-06', true],
    [passport, '2026-12-06', '2026-12-06', true],
    [basicResidentRegisterCard, '2015-06-01', '2025-12-31', true],
    [basicResidentRegisterCard, '2015-06-01', '2026-01-01', false],
    [basicResidentRegisterCard, '2003-08-25', '2026-12-06', false],
  ])('%j issued on %s, shown on %s: %s', (document, issuedOn, asOf, acceptable) => {
    expect(acceptableIfIssuedOn(document, issuedOn, asOf)).toBe(acceptable);
  });

  it('refuses, naming issuedOn, a document shown before the day it was issued', () => {
    expect(() => acceptableIfIssuedOn(passport, '2026-12-07', '2026-12-06')).toThrow(expect.objectContaining({ field: 'issuedOn' }));
  });
});
