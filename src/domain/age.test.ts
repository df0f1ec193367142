import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageOn, birthdayInYear, isLeapDay } from './age.ts';
import { domainRules } from '../../test/support/rules.ts';
import { anyDate, refAddDays, refIsLeapYear } from '../../test/support/dates.ts';

const RUNS = { numRuns: 2000 };
const leapDay = domainRules.leapDayBirthdayInCommonYear;

describe('birthdayInYear', () => {
  it.each([
    ['1990-10-10', 2024, '2024-10-10'],
    ['2000-02-29', 2024, '2024-02-29'],
    ['2000-02-29', 2026, '2026-02-28'],
    ['2000-02-29', 2100, '2100-02-28'],
    ['2000-02-28', 2026, '2026-02-28'],
    ['2000-03-01', 2024, '2024-03-01'],
  ])('born %s: birthday in %i is %s', (birthDate, year, expected) => {
    expect(birthdayInYear(birthDate, year, leapDay)).toBe(expected);
  });

  it('takes the 29 February stand-in from the rule data', () => {
    expect(birthdayInYear('2000-02-29', 2026, { month: 3, day: 1 })).toBe('2026-03-01');
  });

  it('recognises 29 February', () => {
    expect(isLeapDay('2000-02-29')).toBe(true);
    expect(isLeapDay('2000-02-28')).toBe(false);
    expect(isLeapDay('2000-03-01')).toBe(false);
  });
});

describe('ageOn', () => {
  it.each([
    ['2008-02-29', '2023-02-28', 14],
    ['2008-02-29', '2023-03-01', 15],
    ['2008-02-29', '2024-02-28', 15],
    ['2008-02-29', '2024-02-29', 16],
    ['2008-02-29', '2008-02-29', 0],
    ['2000-10-10', '2015-10-09', 14],
    ['2000-10-10', '2015-10-10', 15],
    ['2000-10-10', '2000-10-10', 0],
    ['2000-10-10', '2001-10-09', 0],
    ['1990-01-01', '2019-12-31', 29],
  ])('born %s is %i on %s', (birthDate, date, age) => {
    expect(ageOn(birthDate, date, domainRules)).toBe(age);
  });

  it('takes the 29 February age day from the rule data', () => {
    expect(ageOn('2008-02-29', '2023-02-28', { leapDayAgeInCommonYear: { month: 2, day: 28 } })).toBe(15);
  });

  // Reference: count the days after birth on which the age goes up, each found by scanning
  // day by day for the anniversary (1 March standing in for 29 February in common years).
  it('counts the age birthdays passed, as a day-by-day scan does', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 3 * 366 }), (birthDate, daysAfter) => {
        const date = refAddDays(birthDate, daysAfter);
        if (date > '2200-12-31') return;
        const [, birthMonth, birthDay] = birthDate.split('-').map(Number);
        let age = 0;
        for (let d = refAddDays(birthDate, 1); d <= date; d = refAddDays(d, 1)) {
          const [year, month, day] = d.split('-').map(Number) as [number, number, number];
          const anniversary =
            birthMonth === 2 && birthDay === 29 && !refIsLeapYear(year) ? month === 3 && day === 1 : month === birthMonth && day === birthDay;
          if (anniversary) age += 1;
        }
        expect(ageOn(birthDate, date, domainRules)).toBe(age);
      }),
      { numRuns: 300 },
    );
  });

  it('never goes down, and goes up by at most one from one day to the next', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 150 * 366 }), (birthDate, daysAfter) => {
        const day = refAddDays(birthDate, daysAfter);
        if (day > '2200-12-31') return;
        const step = ageOn(birthDate, day, domainRules) - ageOn(birthDate, refAddDays(day, -1), domainRules);
        expect([0, 1]).toContain(step);
      }),
      RUNS,
    );
  });
});
