// Rule values live in the database (table validity_rules, certificate_types) so that a change in
// law or policy is a data change. These types are the shape the domain functions take them in.

export interface MonthDay {
  month: number;
  day: number;
}

export interface ValidityRules {
  /** Certificates run until this birthday after the issue date (5). */
  validityBirthdays: number;
  /** …or this one (6) when issued as a renewal inside the previous certificate's window. */
  renewalValidityBirthdays: number;
  /** The renewal window opens this many months before the day after expiry (3). */
  renewalWindowMonths: number;
  /**
   * The birthday of someone born on 29 February in a common year, for counting validity
   * birthdays ({ month: 2, day: 28 }). An assumption: no official JPKI statement exists (docs/domain-rules.md §2).
   */
  leapDayBirthdayInCommonYear: MonthDay;
  /** The day someone born on 29 February reaches an age in a common year ({ month: 3, day: 1 }, 民法143条). */
  leapDayAgeInCommonYear: MonthDay;
}

export interface CertificateIssuanceRules {
  /** Not issued to people younger than this on the issue date; null when there is no limit. */
  minimumAge: number | null;
  /** Not issued to adults under guardianship (成年被後見人). */
  excludesAdultsUnderGuardianship: boolean;
}
