/**
 * The rules a computation may apply, each stated by one or more public pages (or our policy): the
 * table rule_sources says which, so an answer names the sources of exactly the rules it applied
 * (docs/domain-rules.md §10). Listed in the order an answer's sources follow: the pages of the general
 * rules first, the 29 February rules last.
 */
export const APPLIED_RULES = [
  /** Valid until the n-th birthday after the issue date (5; 発行の日後). */
  'VALIDITY_BIRTHDAYS',
  /** A renewal applied for while fewer than 3 months remained runs to the 6th birthday. */
  'RENEWAL_INSIDE_WINDOW_BIRTHDAYS',
  /** An application before the window is no renewal: one year shorter than one inside it. */
  'APPLICATION_BEFORE_RENEWAL_WINDOW',
  /** The day the renewal was applied for (発行の申請) decides the window. */
  'APPLICATION_DAY_DECIDES_WINDOW',
  /** No certificate outlives the card. */
  'CAPPED_BY_CARD_EXPIRY',
  /** The signature certificate ends at the latest with the user-authentication one. */
  'CAPPED_BY_USER_AUTHENTICATION',
  /** No signature certificate under 15 or for an adult under guardianship. */
  'SIGNATURE_ISSUANCE_LIMITS',
  /** The renewal window opens 3 months before the day after expiry and has no end. */
  'RENEWAL_WINDOW',
  /** …on the 1st of the next month when that day does not exist. */
  'RENEWAL_WINDOW_MISSING_DAY',
  /** Renewal is free, also after expiry. */
  'RENEWAL_FEE',
  /** Who may use convenience-store issuance: age, residence or domicile, the PIN, guardianship. */
  'CONVENIENCE_STORE_CONDITIONS',
  /** Services that use a certificate (convenience-store issuance among them) stop after its expiry, until renewal. */
  'CONVENIENCE_STORE_CERTIFICATE_EXPIRY',
  /** 本籍 in the city, resident elsewhere: a use registration at the kiosk first (※2). */
  'CONVENIENCE_STORE_USE_REGISTRATION',
  /** An expired certificate is renewed; a locked PIN is re-initialised. */
  'CONVENIENCE_STORE_REMEDIES',
  /** A 29 February birthday is 28 February in common years (our policy). */
  'LEAP_DAY_BIRTHDAY',
  /** Someone born on 29 February reaches an age on 1 March in common years (年齢計算ニ関スル法律). */
  'LEAP_DAY_AGE',
] as const;

export type AppliedRule = (typeof APPLIED_RULES)[number];

/** Each rule's bit, by its place in APPLIED_RULES (fewer than 31 rules, so the bits fit a small integer). */
const RULE_BITS = Object.fromEntries(APPLIED_RULES.map((rule, index) => [rule, 1 << index])) as Record<AppliedRule, number>;

/** The rules in APPLIED_RULES order, each once. */
export function inRuleOrder(rules: Iterable<AppliedRule>): AppliedRule[] {
  // A bit per rule: every computation orders its rules several times, and a Set per call was a
  // visible share of a computation's time.
  let found = 0;
  for (const rule of rules) found |= RULE_BITS[rule];
  const ordered: AppliedRule[] = [];
  for (let index = 0; index < APPLIED_RULES.length; index++) if (found & (1 << index)) ordered.push(APPLIED_RULES[index]!);
  return ordered;
}
