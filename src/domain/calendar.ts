/** A calendar date `YYYY-MM-DD` (proleptic Gregorian, years 0001–9999) that `parseIsoDate` accepted. */
export type IsoDate = string;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

/** The ASCII digits of `text` from `start` to `end` as a number; NaN if any is not a digit. */
function digitsAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * The parts of exactly `YYYY-MM-DD` naming a real day, else null. Read by character codes, not a
 * regular expression: a validity computation reads its dates a few dozen times.
 */
function splitIsoDate(text: string): DateParts | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  return isRealDate(year, month, day) ? { year, month, day } : null;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  const days = DAYS_IN_MONTH[month - 1];
  if (days === undefined || !Number.isInteger(month)) {
    throw new RangeError(`No month ${month}`);
  }
  return month === 2 && isLeapYear(year) ? 29 : days;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** The date itself when `text` is exactly `YYYY-MM-DD` and names a real day, else null. */
export function parseIsoDate(text: string): IsoDate | null {
  return splitIsoDate(text) === null ? null : text;
}

// IsoDate is only a string to the type checker, so every entry point re-checks rather than
// computing with garbage.
export function dateParts(date: IsoDate): DateParts {
  const parts = splitIsoDate(date);
  if (parts === null) throw new RangeError(`Not a calendar date: ${JSON.stringify(date)}`);
  return parts;
}

/** "00" … "31": a validity computation formats a dozen dates, and padStart's strings cost more. */
const TWO_DIGITS = Array.from({ length: 32 }, (_, n) => String(n).padStart(2, '0'));

export function makeDate(year: number, month: number, day: number): IsoDate {
  if (!isRealDate(year, month, day)) {
    throw new RangeError(`Not a calendar date: ${year}-${month}-${day}`);
  }
  return `${year >= 1000 ? year : String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`;
}

// Days since 1970-01-01 by H. Hinnant's civil-calendar algorithm: plain integer arithmetic, so no
// Date object quirks (Date.UTC maps years 0–99 to 1900–1999) and no time zone can leak in.
function toDayNumber({ year, month, day }: DateParts): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function fromDayNumber(dayNumber: number): DateParts {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
  const { year, month, day } = fromDayNumber(toDayNumber(dateParts(date)) + days);
  return makeDate(year, month, day);
}

/**
 * The same day of the month `months` months earlier; when that month is too short for the day
 * (31 February), the 1st of the month after it. This is how Japanese offices count a renewal
 * window back (docs/domain-rules.md §3: expiry 2023-05-28 → window opens 2023-03-01).
 */
export function subtractMonthsRollingForward(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`Not a whole number of months: ${months}`);
  const { year, month, day } = dateParts(date);
  const monthIndex = year * 12 + (month - 1) - months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  if (day <= daysInMonth(targetYear, targetMonth)) return makeDate(targetYear, targetMonth, day);
  return targetMonth === 12 ? makeDate(targetYear + 1, 1, 1) : makeDate(targetYear, targetMonth + 1, 1);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building a DateTimeFormat costs far more than using one, and "today" is asked on every request.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar date that `instant` falls on in `timeZone` (an IANA name such as 'Asia/Tokyo'). */
export function calendarDateInTimeZone(instant: Date, timeZone: string): IsoDate {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid Date');
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? Number.NaN);
  // formatToParts rather than the formatted string: the locale's field order and separators are
  // CLDR data that can change between ICU versions.
  return makeDate(part('year'), part('month'), part('day'));
}
