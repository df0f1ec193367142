// Test support: fast-check arbitraries and reference date arithmetic written independently of
// calendar.ts (on Date.UTC, which is exact for the years 1900–2200 used here).
import fc from 'fast-check';
import type { IsoDate } from '../../src/domain/calendar.ts';

export const FIRST_DAY = '1900-01-01';
export const LAST_DAY = '2200-12-31';

function utc(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}

function iso(date: Date): IsoDate {
  return date.toISOString().slice(0, 10);
}

/** Any calendar date from 1900-01-01 to 2200-12-31. */
export function dateBetween(min: IsoDate = FIRST_DAY, max: IsoDate = LAST_DAY): fc.Arbitrary<IsoDate> {
  return fc.date({ min: utc(min), max: utc(max), noInvalidDate: true }).map(iso);
}

/** Dates biased towards month ends and 29 February, where calendar rules go wrong. */
export const anyDate: fc.Arbitrary<IsoDate> = fc.oneof(
  { weight: 3, arbitrary: dateBetween() },
  {
    weight: 1,
    arbitrary: fc
      .record({ year: fc.integer({ min: 1900, max: 2200 }), month: fc.integer({ min: 1, max: 12 }), back: fc.integer({ min: 0, max: 3 }) })
      .map(({ year, month, back }) => iso(new Date(Date.UTC(year, month, 0 - back)))),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 0, max: 75 })
      .map((n) => 1904 + 4 * n)
      .filter((year) => year % 100 !== 0 || year % 400 === 0)
      .map((year) => `${year}-02-29`),
  },
);

export function refAddDays(date: IsoDate, days: number): IsoDate {
  return iso(new Date(utc(date).getTime() + days * 86_400_000));
}

export function refDaysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `months` months after `date`, clamped to the end of a shorter month (2023-11-30 + 3 → 2024-02-29). */
export function refAddMonthsClamped(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + month - 1 + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return iso(new Date(Date.UTC(targetYear, targetMonth - 1, Math.min(day, refDaysInMonth(targetYear, targetMonth)))));
}

export function refIsLeapYear(year: number): boolean {
  return refDaysInMonth(year, 2) === 29;
}

/**
 * Whether a certificate issued on `issuedOn` renews one expiring on `expiresOn` while fewer than
 * `months` months remain: on or before the expiry, and the same day `months` months later
 * (clamped to a shorter month's end) is past it. Independent of the rolling-forward rule.
 */
export function refRenewsInsideWindow(expiresOn: IsoDate, issuedOn: IsoDate, months: number): boolean {
  return issuedOn <= expiresOn && refAddMonthsClamped(issuedOn, months) > expiresOn;
}

/**
 * The `n`-th birthday after `after` (the day itself not counted): each year's birthday in turn,
 * written out and compared as text; born on 29 February, the birthday of a common year is
 * 28 February (docs/domain-rules.md §2).
 */
export function refNthBirthdayAfter(birthDate: IsoDate, after: IsoDate, n: number): IsoDate {
  const [, month, day] = birthDate.split('-') as [string, string, string];
  let count = 0;
  for (let year = Number(after.slice(0, 4)); ; year += 1) {
    const birthday = `${String(year).padStart(4, '0')}-${month}-${month === '02' && day === '29' && !refIsLeapYear(year) ? '28' : day}`;
    if (birthday > after && ++count === n) return birthday;
  }
}
