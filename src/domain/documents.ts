import type { IsoDate } from './calendar.ts';

/**
 * Whether an identity document issued on `issuedOn` is accepted: some are only from a date on,
 * e.g. 運転経歴証明書 issued on or after 2012-04-01 (平成24年4月1日).
 */
export function acceptableIfIssuedOn(document: { issuedOnOrAfter: IsoDate | null }, issuedOn: IsoDate): boolean {
  return document.issuedOnOrAfter === null || issuedOn >= document.issuedOnOrAfter;
}
