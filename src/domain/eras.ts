import { dateParts, type IsoDate } from './calendar.ts';

/**
 * A Japanese era (元号). The era year counts from 1 in the Gregorian year of `startsOn`, so the
 * year an era starts shares its number with the previous era's last year (平成31年4月30日 is
 * followed by 令和元年5月1日).
 */
export interface Era {
  readonly name: string;
  readonly startsOn: IsoDate;
}

/**
 * In start order. Dates are proleptic Gregorian: before 1873 (明治6年) Japan used its lunisolar
 * calendar, so a Gregorian date in 1868–1872 is not the month and day printed at the time. The API
 * only accepts dates from 1900, where the two agree.
 */
export const ERAS: readonly Era[] = [
  { name: '明治', startsOn: '1868-10-23' },
  { name: '大正', startsOn: '1912-07-30' },
  { name: '昭和', startsOn: '1926-12-25' },
  { name: '平成', startsOn: '1989-01-08' },
  { name: '令和', startsOn: '2019-05-01' },
];

/**
 * The date in the Japanese era form city pages print, e.g. 令和7年4月10日, with the first year of
 * an era written 元年. Null before the first era in `eras`.
 */
export function toWareki(date: IsoDate, eras: readonly Era[] = ERAS): string | null {
  const { year, month, day } = dateParts(date);
  let current: Era | undefined;
  for (const era of eras) {
    if (era.startsOn <= date && (current === undefined || era.startsOn > current.startsOn)) current = era;
  }
  if (current === undefined) return null;
  const eraYear = year - dateParts(current.startsOn).year + 1;
  return `${current.name}${eraYear === 1 ? '元' : String(eraYear)}年${month}月${day}日`;
}
