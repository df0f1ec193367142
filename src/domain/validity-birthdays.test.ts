import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { domainRules } from '../../test/support/rules.ts';
import { anyDate, refAddDays, refIsLeapYear, refNthBirthdayAfter } from '../../test/support/dates.ts';
import { nthBirthdayAfter } from './age.ts';
import { certificateStatus } from './validity.ts';

describe('nthBirthdayAfter: worked examples (docs/domain-rules.md §2)', () => {
  it.each([
    ['1990-10-10', '2020-05-15', 5, '2024-10-10'],
    ['1990-10-10', '2020-10-10', 5, '2025-10-10'],
    ['1990-10-10', '2020-10-09', 5, '2024-10-10'],
    ['1990-10-10', '2020-10-11', 5, '2025-10-10'],
    ['1990-10-10', '2020-05-15', 10, '2029-10-10'],
    ['1990-10-10', '2020-05-15', 1, '2020-10-10'],
    ['2000-02-29', '2021-06-01', 5, '2026-02-28'],
    ['2000-02-29', '2021-06-01', 3, '2024-02-29'],
    ['2000-02-29', '2024-02-29', 5, '2029-02-28'],
    ['2000-02-29', '2023-02-28', 1, '2024-02-29'],
    ['2020-05-15', '2020-05-15', 5, '2025-05-15'],
    ['2024-02-29', '2024-02-29', 1, '2025-02-28'],
  ])('born %s, issued %s: birthday no. %i after is %s', (birthDate, issuedOn, n, expected) => {
    expect(nthBirthdayAfter(birthDate, issuedOn, n, domainRules)).toBe(expected);
  });

  it('takes the 29 February stand-in from the rule data', () => {
    expect(nthBirthdayAfter('2000-02-29', '2021-06-01', 5, { leapDayBirthdayInCommonYear: { month: 3, day: 1 } })).toBe(
      '2026-03-01',
    );
  });

  it('refuses a count below 1', () => {
    expect(() => nthBirthdayAfter('1990-10-10', '2020-05-15', 0, domainRules)).toThrow(RangeError);
  });

  // Reference: walk day by day from the day after issue, counting the days that are birthdays.
  it('is the n-th birthday a day-by-day walk finds', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 80 * 366 }), fc.integer({ min: 1, max: 6 }), (birthDate, age, n) => {
        const issuedOn = refAddDays(birthDate, age);
        if (issuedOn > '2190-12-31') return;
        expect(nthBirthdayAfter(birthDate, issuedOn, n, domainRules)).toBe(refNthBirthdayAfter(birthDate, issuedOn, n));
      }),
      { numRuns: 500 },
    );
  });
});

describe('certificateStatus', () => {
  const renewal = { expiresOn: '2024-10-10', opensOn: '2024-07-11' };
  it.each([
    ['2020-05-14', 'NOT_YET_ISSUED'],
    ['2020-05-15', 'VALID'],
    ['2024-07-10', 'VALID'],
    ['2024-07-11', 'RENEWABLE'],
    ['2024-10-10', 'RENEWABLE'],
    ['2024-10-11', 'EXPIRED'],
  ])('issued 2020-05-15, expiring 2024-10-10, as of %s: %s', (asOf, status) => {
    expect(certificateStatus('2020-05-15', renewal, asOf)).toBe(status);
  });

  it('is NOT_ISSUABLE without a certificate', () => {
    expect(certificateStatus('2020-05-15', null, '2021-01-01')).toBe('NOT_ISSUABLE');
  });
});
