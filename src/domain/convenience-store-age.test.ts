import { describe, expect, it } from 'vitest';
import { ageReachedOn } from './age.ts';
import { convenienceStoreEligibility, type ConvenienceStoreEligibilityInput } from './convenience-store.ts';
import { domainConvenienceStore, domainRules } from '../../test/support/rules.ts';

// The day the minimum age (15) is reached, and the 29 February note, on a convenience-store answer.
// Expected dates from docs/domain-rules.md §2, §8 and §10: an age is reached on the birthday; for a
// 29 February birth on 1 March in a common year, on 29 February in a leap year.

function input(overrides: Partial<ConvenienceStoreEligibilityInput>): ConvenienceStoreEligibilityInput {
  return {
    birthDate: '1990-10-10',
    userAuthenticationExpiresOn: '2030-10-10',
    residentOfSapporo: true,
    domicileInSapporo: true,
    pinLocked: false,
    underGuardianship: false,
    asOf: '2026-11-25',
    ...overrides,
  };
}

const check = (overrides: Partial<ConvenienceStoreEligibilityInput>) => convenienceStoreEligibility(input(overrides), domainConvenienceStore, domainRules);

describe('ageReachedOn', () => {
  it.each([
    ['2008-02-29', 15, '2023-03-01'],
    ['2012-02-29', 15, '2027-03-01'],
    ['2008-02-29', 16, '2024-02-29'],
    ['2000-02-29', 100, '2100-03-01'],
    ['2011-11-25', 15, '2026-11-25'],
    ['2008-02-28', 15, '2023-02-28'],
    ['2008-03-01', 16, '2024-03-01'],
  ])('born %s reaches %i on %s', (birthDate, age, expected) => {
    expect(ageReachedOn(birthDate, age, domainRules)).toBe(expected);
  });
});

describe('convenienceStoreEligibility: the day the minimum age is reached', () => {
  it.each<[string, Partial<ConvenienceStoreEligibilityInput>, string | null]>([
    ['born 29 February, 28 February of a common year (the 15th birthday comes on 1 March)', { birthDate: '2008-02-29', asOf: '2023-02-28' }, '2023-03-01'],
    ['born 29 February, 1 March of a common year', { birthDate: '2008-02-29', asOf: '2023-03-01' }, null],
    ['born 29 February, a leap year before the 15th birthday', { birthDate: '2012-02-29', asOf: '2024-02-29' }, '2027-03-01'],
    ['born 29 February, a leap year after the 15th birthday', { birthDate: '2008-02-29', asOf: '2024-02-28' }, null],
    ['the 15th birthday on asOf', { birthDate: '2011-11-25', asOf: '2026-11-25' }, null],
    ['the day before the 15th birthday', { birthDate: '2011-11-25', asOf: '2026-11-24' }, '2026-11-25'],
    ['an adult', { birthDate: '1990-10-10' }, null],
  ])('%s: %s', (_case, overrides, expected) => {
    const result = check(overrides);
    expect(result.minimumAgeReachedOn).toBe(expected);
    expect(result.refusals.includes('UNDER_MINIMUM_AGE')).toBe(expected !== null);
  });

  it('gives the day of a 29 February birth in a leap year when the minimum age is reached in one (rule data: 16)', () => {
    const result = convenienceStoreEligibility(input({ birthDate: '2008-02-29', asOf: '2024-02-28' }), { ...domainConvenienceStore, minimumAge: 16 }, domainRules);
    expect(result).toMatchObject({ refusals: ['UNDER_MINIMUM_AGE'], minimumAgeReachedOn: '2024-02-29' });
  });

  it('takes the 29 February age day from the rule data', () => {
    const result = convenienceStoreEligibility(input({ birthDate: '2008-02-29', asOf: '2023-02-27' }), domainConvenienceStore, { leapDayAgeInCommonYear: { month: 2, day: 28 } });
    expect(result.minimumAgeReachedOn).toBe('2023-02-28');
  });
});

describe('convenienceStoreEligibility: the 29 February note', () => {
  it('notes a 29 February birth, refused or not, with the rules of both the birthday policy and the age', () => {
    for (const asOf of ['2023-02-28', '2023-03-01', '2030-06-01']) {
      const result = check({ birthDate: '2008-02-29', asOf });
      expect(result.notes, asOf).toEqual(['LEAP_DAY_BIRTHDAY_ASSUMED']);
      expect(result.rules, asOf).toEqual(['CONVENIENCE_STORE_CONDITIONS', 'CONVENIENCE_STORE_CERTIFICATE_EXPIRY', 'LEAP_DAY_BIRTHDAY', 'LEAP_DAY_AGE']);
    }
  });

  it('has no note and no 29 February rule for other births, 28 February and 1 March included', () => {
    for (const birthDate of ['2008-02-28', '2008-03-01', '1990-10-10']) {
      const result = check({ birthDate, asOf: '2023-02-28' });
      expect(result.notes, birthDate).toEqual([]);
      expect(result.rules, birthDate).toEqual(['CONVENIENCE_STORE_CONDITIONS', 'CONVENIENCE_STORE_CERTIFICATE_EXPIRY']);
    }
  });
});
