import { addDays, subtractMonthsRollingForward, type IsoDate } from './calendar.ts';
import type { ValidityRules } from './rule-values.ts';

export type RenewalPhase = 'NOT_YET_OPEN' | 'OPEN' | 'EXPIRED_STILL_RENEWABLE';

export interface RenewalWindow {
  expiresOn: IsoDate;
  opensOn: IsoDate;
  phase: RenewalPhase;
}

/**
 * First day renewal is possible: "within 3 months counted back from the day after the expiry
 * date" (有効期限満了日の翌日からさかのぼって3か月以内), docs/domain-rules.md §3.
 */
export function renewalOpensOn(expiresOn: IsoDate, rules: Pick<ValidityRules, 'renewalWindowMonths'>): IsoDate {
  return subtractMonthsRollingForward(addDays(expiresOn, 1), rules.renewalWindowMonths);
}

// The window has no end: renewal stays possible (and free) after expiry.
export function renewalPhase(expiresOn: IsoDate, opensOn: IsoDate, asOf: IsoDate): RenewalPhase {
  if (asOf < opensOn) return 'NOT_YET_OPEN';
  if (asOf <= expiresOn) return 'OPEN';
  return 'EXPIRED_STILL_RENEWABLE';
}

export function renewalWindow(
  expiresOn: IsoDate,
  asOf: IsoDate,
  rules: Pick<ValidityRules, 'renewalWindowMonths'>,
): RenewalWindow {
  const opensOn = renewalOpensOn(expiresOn, rules);
  return { expiresOn, opensOn, phase: renewalPhase(expiresOn, opensOn, asOf) };
}

/**
 * Whether a renewal applied for on `appliedOn` replaces the previous certificate from inside its
 * window, which earns the longer validity. The window's open end after expiry does not count here:
 * the law grants the 6th birthday only while fewer than 3 months *remain*.
 */
export function isInsideRenewalWindow(
  previousExpiresOn: IsoDate,
  appliedOn: IsoDate,
  rules: Pick<ValidityRules, 'renewalWindowMonths'>,
): boolean {
  return renewalOpensOn(previousExpiresOn, rules) <= appliedOn && appliedOn <= previousExpiresOn;
}
