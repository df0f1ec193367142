import type { IsoDate } from './calendar.ts';
import { InvalidValidityInput } from './validity-input.ts';

/**
 * Whether an identity document issued on `issuedOn` is accepted on `asOf`: some are only from an
 * issue date on, e.g. 運転経歴証明書 issued on or after 2012-04-01 (平成24年4月1日); and no expired
 * document is, so none of a kind that had all expired by `asOf` (every 住基カード by 2025-12-31).
 */
export function acceptableIfIssuedOn(document: { issuedOnOrAfter: IsoDate | null; lastExpiresOn: IsoDate | null }, issuedOn: IsoDate, asOf: IsoDate): boolean {
  // A document is shown after it is issued: the other way round is a mistyped date, not a refusal.
  if (issuedOn > asOf) throw new InvalidValidityInput('issuedOn', 'issuedOn must not be after asOf: a document is shown once it has been issued.');
  return (document.issuedOnOrAfter === null || issuedOn >= document.issuedOnOrAfter) && (document.lastExpiresOn === null || asOf <= document.lastExpiresOn);
}
