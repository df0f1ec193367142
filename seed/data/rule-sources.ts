import type { AppliedRule } from '../../src/domain/applied-rules.ts';
import type { ruleSources } from '../../schema/tables.ts';
import {
  AGE_CALCULATION_ACT,
  AKITA_RENEWAL_PAGE,
  CITY_PAGE,
  CONVENIENCE_STORE_PAGE,
  EDOGAWA_RENEWAL_PAGE,
  NERIMA_RENEWAL_PAGE,
  OUR_POLICY,
  VALIDITY_LAW_FAQ,
} from './sources.ts';

// Which pages state each rule (docs/domain-rules.md §10). The city's page states the 5th birthday
// (発行日から5回目の誕生日まで); the legal wording the Higashimurayama FAQ restates counts birthdays
// after the issue day (発行の日後) and gives the 6th birthday, as Akita Prefecture's page does.
const RULE_SOURCES: Record<AppliedRule, string[]> = {
  VALIDITY_BIRTHDAYS: [CITY_PAGE, VALIDITY_LAW_FAQ],
  RENEWAL_INSIDE_WINDOW_BIRTHDAYS: [VALIDITY_LAW_FAQ, AKITA_RENEWAL_PAGE],
  APPLICATION_BEFORE_RENEWAL_WINDOW: [EDOGAWA_RENEWAL_PAGE],
  // 「発行の申請を行い」: the law looks at the application.
  APPLICATION_DAY_DECIDES_WINDOW: [VALIDITY_LAW_FAQ],
  CAPPED_BY_CARD_EXPIRY: [CITY_PAGE, VALIDITY_LAW_FAQ],
  CAPPED_BY_USER_AUTHENTICATION: [CITY_PAGE, VALIDITY_LAW_FAQ],
  SIGNATURE_ISSUANCE_LIMITS: [CITY_PAGE],
  LEAP_DAY_BIRTHDAY: [OUR_POLICY],
  LEAP_DAY_AGE: [AGE_CALCULATION_ACT],
  RENEWAL_WINDOW: [CITY_PAGE],
  RENEWAL_WINDOW_MISSING_DAY: [NERIMA_RENEWAL_PAGE],
  RENEWAL_FEE: [CITY_PAGE],
  CONVENIENCE_STORE_CONDITIONS: [CONVENIENCE_STORE_PAGE],
  // 「有効期限が過ぎた場合、住民票等証明書のコンビニ交付等、電子証明書を利用したサービスをご利用いただけなくなります」
  CONVENIENCE_STORE_CERTIFICATE_EXPIRY: [CITY_PAGE],
  CONVENIENCE_STORE_USE_REGISTRATION: [CONVENIENCE_STORE_PAGE],
  // Renewal, free also after expiry; re-initialising a PIN releases its lock.
  CONVENIENCE_STORE_REMEDIES: [CITY_PAGE],
};

export const ruleSourceRows: (typeof ruleSources.$inferInsert)[] = Object.entries(RULE_SOURCES).flatMap(([rule, ids]) =>
  ids.map((sourceId, index) => ({ rule: rule as AppliedRule, position: index + 1, sourceId })),
);
