import { dateParts, isLeapYear, makeDate, type IsoDate } from './calendar.ts';
import type { MonthDay, ValidityRules } from './rule-values.ts';

export function isLeapDay(date: IsoDate): boolean {
  const { month, day } = dateParts(date);
  return month === 2 && day === 29;
}

/** The day in `year` that counts as the birthday, with `leapDay` standing in for 29 February in common years. */
export function birthdayInYear(birthDate: IsoDate, year: number, leapDay: MonthDay): IsoDate {
  const { month, day } = dateParts(birthDate);
  if (month === 2 && day === 29 && !isLeapYear(year)) return makeDate(year, leapDay.month, leapDay.day);
  return makeDate(year, month, day);
}

/**
 * Age in whole years on `date`. A person reaches an age on their birthday; someone born on
 * 29 February reaches it on `rules.leapDayAgeInCommonYear` in a common year (民法143条).
 */
export function ageOn(birthDate: IsoDate, date: IsoDate, rules: Pick<ValidityRules, 'leapDayAgeInCommonYear'>): number {
  const birthYear = dateParts(birthDate).year;
  const { year } = dateParts(date);
  const reachedThisYear = date >= birthdayInYear(birthDate, year, rules.leapDayAgeInCommonYear);
  return year - birthYear - (reachedThisYear ? 0 : 1);
}

/**
 * The day someone born on `birthDate` reaches `age`: their birthday in that year, or, for a 29 February
 * birth in a common year, `rules.leapDayAgeInCommonYear` (1 March, 民法143条). `ageOn` is `age` or more
 * exactly from this day on.
 */
export function ageReachedOn(birthDate: IsoDate, age: number, rules: Pick<ValidityRules, 'leapDayAgeInCommonYear'>): IsoDate {
  return birthdayInYear(birthDate, dateParts(birthDate).year + age, rules.leapDayAgeInCommonYear);
}

/**
 * The `n`-th birthday strictly after `issuedOn` (発行の日後): a birthday on the issue date itself
 * does not count. 29 February births have theirs on `rules.leapDayBirthdayInCommonYear` in common years.
 */
export function nthBirthdayAfter(
  birthDate: IsoDate,
  issuedOn: IsoDate,
  n: number,
  rules: Pick<ValidityRules, 'leapDayBirthdayInCommonYear'>,
): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Birthday count must be a positive integer, got ${n}`);
  const leapDay = rules.leapDayBirthdayInCommonYear;
  // The day of birth is not a birthday, so counting starts the year after birth at the earliest.
  let firstYear = Math.max(dateParts(issuedOn).year, dateParts(birthDate).year + 1);
  if (birthdayInYear(birthDate, firstYear, leapDay) <= issuedOn) firstYear += 1;
  return birthdayInYear(birthDate, firstYear + n - 1, leapDay);
}
