import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateParts,
  daysInMonth,
  isLeapYear,
  makeDate,
  parseIsoDate,
  subtractMonthsRollingForward,
} from './calendar.ts';
import { anyDate, refAddDays, refDaysInMonth, refIsLeapYear } from '../../test/support/dates.ts';

const RUNS = { numRuns: 2000 };

describe('parseIsoDate', () => {
  it.each(['2024-02-29', '2023-02-28', '2000-02-29', '2020-04-10', '0001-01-01', '9999-12-31', '1900-01-01', '2200-12-31'])(
    'accepts %s',
    (text) => {
      expect(parseIsoDate(text)).toBe(text);
    },
  );

  it.each([
    '2023-02-30',
    '2023-02-29',
    '1900-02-29',
    '2100-02-29',
    '2023-04-31',
    '2023-13-01',
    '2023-00-10',
    '2023-01-00',
    '2023-2-3',
    '20230203',
    '2023-02-03T00:00',
    '2023-02-03\n',
    ' 2023-02-03',
    '２０２３-０２-０３',
    '2023/02/03',
    '+02023-02-03',
    '',
    '0000-01-01',
  ])('rejects %j', (text) => {
    expect(parseIsoDate(text)).toBeNull();
  });

  it('accepts exactly the dates Date.UTC round-trips', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2200 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (year, month, day) => {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const date = new Date(Date.UTC(year, month - 1, day));
          const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
          expect(parseIsoDate(text)).toBe(real ? text : null);
        },
      ),
      RUNS,
    );
  });
});

describe('isLeapYear and daysInMonth', () => {
  it.each([
    [1900, false],
    [2000, true],
    [2023, false],
    [2024, true],
    [2100, false],
    [2200, false],
  ])('isLeapYear(%i) is %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  it.each([
    [2023, 2, 28],
    [2024, 2, 29],
    [2024, 4, 30],
    [2024, 12, 31],
  ])('daysInMonth(%i, %i) is %i', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it('agrees with Date.UTC for every month 1900–2200', () => {
    for (let year = 1900; year <= 2200; year += 1) {
      expect(isLeapYear(year)).toBe(refIsLeapYear(year));
      for (let month = 1; month <= 12; month += 1) expect(daysInMonth(year, month)).toBe(refDaysInMonth(year, month));
    }
  });

  it('rejects a month that does not exist', () => {
    expect(() => daysInMonth(2024, 13)).toThrow(RangeError);
    expect(() => daysInMonth(2024, 0)).toThrow(RangeError);
  });
});

describe('dateParts, makeDate', () => {
  it('splits and builds dates', () => {
    expect(dateParts('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(makeDate(2024, 2, 29)).toBe('2024-02-29');
    expect(makeDate(812, 1, 5)).toBe('0812-01-05');
  });

  it('refuses what is not a date', () => {
    expect(() => makeDate(2023, 2, 29)).toThrow(RangeError);
    expect(() => makeDate(2023, 1, 1.5)).toThrow(RangeError);
    expect(() => dateParts('2023-02-30')).toThrow(RangeError);
  });

  it('round-trips every date', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const { year, month, day } = dateParts(date);
        expect(makeDate(year, month, day)).toBe(date);
      }),
      RUNS,
    );
  });
});

describe('addDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2020-04-10', 1, '2020-04-11'],
    ['2000-01-01', 366, '2001-01-01'],
    ['1900-03-01', -1, '1900-02-28'],
    ['2024-05-05', 0, '2024-05-05'],
  ])('%s + %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('agrees with Date.UTC and undoes itself', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -20_000, max: 20_000 }), (date, days) => {
        const later = addDays(date, days);
        if (later >= '1900-01-01' && later <= '2200-12-31') expect(later).toBe(refAddDays(date, days));
        expect(addDays(later, -days)).toBe(date);
      }),
      RUNS,
    );
  });

  it('refuses fractions of a day', () => {
    expect(() => addDays('2024-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('subtractMonthsRollingForward', () => {
  it.each([
    ['2020-04-11', 3, '2020-01-11'],
    ['2023-05-29', 3, '2023-03-01'],
    ['2023-05-31', 3, '2023-03-01'],
    ['2024-05-30', 3, '2024-03-01'],
    ['2024-05-29', 3, '2024-02-29'],
    ['2025-01-01', 3, '2024-10-01'],
    ['2023-12-31', 3, '2023-10-01'],
    ['2024-03-31', 1, '2024-03-01'],
    ['2024-02-29', 12, '2023-03-01'],
    ['2024-07-15', 0, '2024-07-15'],
    ['2024-01-15', 13, '2022-12-15'],
  ])('%s − %i months is %s', (date, months, expected) => {
    expect(subtractMonthsRollingForward(date, months)).toBe(expected);
  });

  it('keeps the day of the month, or rolls to the 1st of the next month when it does not exist', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 24 }), (date, months) => {
        const { year, month, day } = dateParts(date);
        const index = year * 12 + month - 1 - months;
        const targetYear = Math.floor(index / 12);
        const targetMonth = (index % 12) + 1;
        const result = dateParts(subtractMonthsRollingForward(date, months));
        if (day <= refDaysInMonth(targetYear, targetMonth)) {
          expect(result).toEqual({ year: targetYear, month: targetMonth, day });
        } else {
          const next = index + 1;
          expect(result).toEqual({ year: Math.floor(next / 12), month: (next % 12) + 1, day: 1 });
        }
      }),
      RUNS,
    );
  });
});
