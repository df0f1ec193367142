import type { AppliedRule } from './applied-rules.ts';
import { addDays, dateParts, subtractMonthsRollingForward, type IsoDate } from './calendar.ts';
import type { ValidityRules } from './rule-values.ts';
import type { ValidityNote } from './validity-notes.ts';

export type RenewalPhase = 'NOT_YET_OPEN' | 'OPEN' | 'EXPIRED_STILL_RENEWABLE';

export interface RenewalOpening {
  opensOn: IsoDate;
  /** The day 3 months back does not exist (31 February): the window opens on the 1st of the next month (Nerima City). */
  movedToFirstOfNextMonth: boolean;
}

export interface RenewalWindow extends RenewalOpening {
  expiresOn: IsoDate;
  phase: RenewalPhase;
  /** The rules that gave the window, for its sources. */
  rules: AppliedRule[];
  /**
   * The window's notes: its opening day moved to the 1st of the next month; before it opens, that
   * applying now is possible but one year shorter, naming the day it opens (`noteDates`); after
   * expiry, that services stop until renewal, which stays free.
   */
  notes: ValidityNote[];
  noteDates: Partial<Record<ValidityNote, IsoDate>>;
}

/**
 * First day renewal is possible: "within 3 months counted back from the day after the expiry
 * date" (有効期限満了日の翌日からさかのぼって3か月以内), docs/domain-rules.md §3; when that day does not
 * exist in its month, the 1st of the next month.
 */
export function renewalOpening(expiresOn: IsoDate, rules: Pick<ValidityRules, 'renewalWindowMonths'>): RenewalOpening {
  const dayAfter = addDays(expiresOn, 1);
  const opensOn = subtractMonthsRollingForward(dayAfter, rules.renewalWindowMonths);
  // Only a missing day changes the day of the month (it becomes the 1st, and days 29–31 are the only ones that can be missing).
  return { opensOn, movedToFirstOfNextMonth: dateParts(opensOn).day !== dateParts(dayAfter).day };
}

/** The rules an opening applied, and the note it needs. */
export function openingRules(opening: RenewalOpening): { rules: AppliedRule[]; notes: ValidityNote[] } {
  return opening.movedToFirstOfNextMonth
    ? { rules: ['RENEWAL_WINDOW', 'RENEWAL_WINDOW_MISSING_DAY'], notes: ['RENEWAL_WINDOW_OPENS_ON_FIRST_OF_NEXT_MONTH'] }
    : { rules: ['RENEWAL_WINDOW'], notes: [] };
}

// The window has no end: renewal stays possible (and free) after expiry.
export function renewalPhase(expiresOn: IsoDate, opensOn: IsoDate, asOf: IsoDate): RenewalPhase {
  if (asOf < opensOn) return 'NOT_YET_OPEN';
  if (asOf <= expiresOn) return 'OPEN';
  return 'EXPIRED_STILL_RENEWABLE';
}

/** What a window may truly say of its certificate, beyond its dates. */
export interface WindowClaims {
  /**
   * Whether applying now, before the window opens, gives a shorter certificate than renewing inside
   * it (one year shorter, Edogawa City): not on a card that would end both alike, nor for a
   * certificate not issued yet, which has nothing to renew early. Asked only of a window not yet
   * open, since it computes a birthday.
   */
  earlyApplicationShorter(): boolean;
  /**
   * Once expired, it stays renewable free of charge: not on a card that ended with it or before, or
   * has expired by `asOf`, since no source says a certificate is renewed onto an expired card.
   */
  renewableAfterExpiry: boolean;
}

const EVERY_CLAIM: WindowClaims = { earlyApplicationShorter: () => true, renewableAfterExpiry: true };

export function renewalWindow(
  expiresOn: IsoDate,
  asOf: IsoDate,
  rules: Pick<ValidityRules, 'renewalWindowMonths'>,
  claims: WindowClaims = EVERY_CLAIM,
): RenewalWindow {
  const opening = renewalOpening(expiresOn, rules);
  const phase = renewalPhase(expiresOn, opening.opensOn, asOf);
  const { rules: applied, notes } = openingRules(opening);
  const window: RenewalWindow = { expiresOn, ...opening, phase, rules: applied, notes, noteDates: {} };
  // docs/domain-rules.md §3: an application before the window opens is possible, but no renewal (Edogawa City).
  if (phase === 'NOT_YET_OPEN' && claims.earlyApplicationShorter()) {
    return { ...window, rules: [...applied, 'APPLICATION_BEFORE_RENEWAL_WINDOW'], notes: [...notes, 'RENEWAL_WINDOW_NOT_YET_OPEN'], noteDates: { RENEWAL_WINDOW_NOT_YET_OPEN: opening.opensOn } };
  }
  // docs/domain-rules.md §3: after expiry the services that use it stop until renewal, which stays free.
  if (phase === 'EXPIRED_STILL_RENEWABLE' && claims.renewableAfterExpiry) {
    return { ...window, rules: [...applied, 'CONVENIENCE_STORE_CERTIFICATE_EXPIRY'], notes: [...notes, 'EXPIRED_STILL_RENEWABLE'] };
  }
  return window;
}

/**
 * Whether a renewal applied for on `appliedOn` replaces the previous certificate from inside its
 * window (`opening`, that certificate's), which earns the longer validity. The window's open end
 * after expiry does not count here: the law grants the 6th birthday only while fewer than 3 months
 * *remain*.
 */
export function isInsideRenewalWindow(previousExpiresOn: IsoDate, appliedOn: IsoDate, opening: RenewalOpening): boolean {
  return opening.opensOn <= appliedOn && appliedOn <= previousExpiresOn;
}
