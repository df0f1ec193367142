import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { domainIssuance, domainRules } from '../../test/support/rules.ts';
import { anyDate, dateBetween, refAddDays, refIsLeapYear, refNthBirthdayAfter, refRenewsInsideWindow } from '../../test/support/dates.ts';
import { computeValidity, type CertificateStatus } from './validity.ts';
import type { ValidityInput } from './validity-input.ts';
import { VALIDITY_NOTES } from './validity-notes.ts';

const RUNS = { numRuns: 2000 };

describe('computeValidity properties', () => {
  const validityInput: fc.Arbitrary<ValidityInput> = fc
    .record({
      birthDate: anyDate.filter((d) => d <= '2190-12-31'),
      age: fc.integer({ min: 0, max: 100 * 366 }),
      previousOffset: fc.option(fc.integer({ min: -400, max: 400 }), { nil: null }),
      cardAfter: fc.option(fc.integer({ min: 0, max: 12 * 366 }), { nil: null }),
      underGuardianship: fc.boolean(),
      asOf: dateBetween(),
    })
    .map(({ birthDate, age, previousOffset, cardAfter, underGuardianship, asOf }) => {
      const issuedOn = [refAddDays(birthDate, age), '2190-12-31'].sort()[0] ?? birthDate;
      return {
        birthDate,
        issuedOn,
        previousExpiresOn: previousOffset === null ? null : [refAddDays(issuedOn, previousOffset), '1900-01-01'].sort()[1] ?? null,
        previousUserAuthenticationExpiresOn: null,
        previousSignatureExpiresOn: null,
        appliedOn: null,
        cardExpiresOn: cardAfter === null ? null : [refAddDays(issuedOn, cardAfter), '2200-12-31'].sort()[0] ?? null,
        underGuardianship,
        asOf,
      };
    });

  function isBirthday(birthDate: string, day: string): boolean {
    if (birthDate.slice(5) === '02-29' && !refIsLeapYear(Number(day.slice(0, 4)))) return day.slice(5) === '02-28';
    return day.slice(5) === birthDate.slice(5);
  }

  it('expires on a birthday after the issue date, or on a cap', () => {
    fc.assert(
      fc.property(validityInput, (value) => {
        const result = computeValidity(value, domainRules, domainIssuance);
        // The card caps both certificates; the user certificate caps the signature certificate only.
        const caps = { userAuthentication: [value.cardExpiresOn], signature: [value.cardExpiresOn, result.userAuthentication.expiresOn] };
        for (const kind of ['userAuthentication', 'signature'] as const) {
          const outcome = result[kind];
          if (outcome.expiresOn === null) continue;
          const capped = caps[kind].includes(outcome.expiresOn);
          expect(capped || (isBirthday(value.birthDate, outcome.expiresOn) && outcome.expiresOn > value.issuedOn)).toBe(true);
          expect(outcome.expiresOn >= value.issuedOn).toBe(true);
          if (value.cardExpiresOn !== null) expect(outcome.expiresOn <= value.cardExpiresOn).toBe(true);
          expect(outcome.renewal?.expiresOn).toBe(outcome.expiresOn);
          expect(outcome.renewal !== null && outcome.renewal.opensOn <= outcome.expiresOn).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('never lets the signature certificate outlive the user certificate', () => {
    fc.assert(
      fc.property(validityInput, (value) => {
        const { userAuthentication, signature } = computeValidity(value, domainRules, domainIssuance);
        expect(userAuthentication.issuable).toBe(true);
        if (signature.expiresOn !== null) expect(signature.expiresOn <= (userAuthentication.expiresOn ?? '')).toBe(true);
      }),
      RUNS,
    );
  });

  it('withholds the signature certificate exactly from under-15s and adults under guardianship', () => {
    fc.assert(
      fc.property(validityInput, (value) => {
        const { signature, notes } = computeValidity(value, domainRules, domainIssuance);
        // 民法143条: a 29 February birth turns 15 on 1 March when that year is common.
        const year = Number(value.birthDate.slice(0, 4)) + 15;
        const fifteenth =
          value.birthDate.slice(5) === '02-29' && !refIsLeapYear(year) ? `${year}-03-01` : `${year}${value.birthDate.slice(4)}`;
        const underAge = value.issuedOn < fifteenth;
        expect(signature.issuable).toBe(!underAge && !value.underGuardianship);
        expect(notes.includes('SIGNATURE_NOT_ISSUED_UNDER_MINIMUM_AGE')).toBe(underAge);
        expect(notes.includes('SIGNATURE_NOT_ISSUED_UNDER_GUARDIANSHIP')).toBe(value.underGuardianship);
        expect(notes.includes('LEAP_DAY_BIRTHDAY_ASSUMED')).toBe(value.birthDate.slice(5) === '02-29');
      }),
      RUNS,
    );
  });

  it('counts 6 birthdays exactly for a renewal inside the window', () => {
    fc.assert(
      fc.property(validityInput, (value) => {
        const { userAuthentication, notes } = computeValidity(value, domainRules, domainIssuance);
        const inside =
          value.previousExpiresOn !== null && refRenewsInsideWindow(value.previousExpiresOn, value.issuedOn, 3);
        expect(userAuthentication.birthdayCount).toBe(inside ? 6 : 5);
        expect(notes.includes('RENEWED_INSIDE_WINDOW')).toBe(inside);
        expect(notes.includes('ISSUED_OUTSIDE_RENEWAL_WINDOW')).toBe(value.previousExpiresOn !== null && !inside);
      }),
      RUNS,
    );
  });

  it('never gives a renewal inside the window an earlier expiry than a first issue the same day', () => {
    fc.assert(
      fc.property(validityInput, (value) => {
        const renewed = computeValidity(value, domainRules, domainIssuance);
        const firstIssue = computeValidity({ ...value, previousExpiresOn: null }, domainRules, domainIssuance);
        for (const kind of ['userAuthentication', 'signature'] as const) {
          const a = renewed[kind].expiresOn;
          const b = firstIssue[kind].expiresOn;
          if (a !== null && b !== null) expect(a >= b).toBe(true);
        }
      }),
      RUNS,
    );
  });

  // docs/domain-rules.md §2: a renewal inside the window runs to the 6th birthday after its issue,
  // so it ends no earlier than 5 birthdays past the old expiry: renewing early loses nothing.
  it('renewing inside the window of an uncapped certificate runs to the 6th birthday after issue, at least 5 birthdays past the old expiry', () => {
    fc.assert(
      fc.property(validityInput, fc.integer({ min: 0, max: 92 }), (value, daysBefore) => {
        const previousExpiresOn = refNthBirthdayAfter(value.birthDate, value.issuedOn, 5);
        const issuedOn = refAddDays(previousExpiresOn, -daysBefore);
        if (!refRenewsInsideWindow(previousExpiresOn, issuedOn, 3) || issuedOn > '2190-12-31') return;
        const result = computeValidity({ ...value, issuedOn, previousExpiresOn, cardExpiresOn: null }, domainRules, domainIssuance);
        expect(result.userAuthentication.expiresOn).toBe(refNthBirthdayAfter(value.birthDate, issuedOn, 6));
        expect(result.userAuthentication.expiresOn! >= refNthBirthdayAfter(value.birthDate, previousExpiresOn, 5)).toBe(true);
      }),
      RUNS,
    );
  });

  const statusRank: Record<CertificateStatus, number> = { NOT_ISSUABLE: -1, NOT_YET_ISSUED: 0, VALID: 1, RENEWABLE: 2, EXPIRED: 3 };

  it('never moves the status back as asOf grows', () => {
    fc.assert(
      fc.property(validityInput, dateBetween(), (value, otherAsOf) => {
        const [earlier, later] = value.asOf <= otherAsOf ? [value.asOf, otherAsOf] : [otherAsOf, value.asOf];
        const before = computeValidity({ ...value, asOf: earlier }, domainRules, domainIssuance);
        const after = computeValidity({ ...value, asOf: later }, domainRules, domainIssuance);
        for (const kind of ['userAuthentication', 'signature'] as const) {
          expect(statusRank[before[kind].status]).toBeLessThanOrEqual(statusRank[after[kind].status]);
          expect(before[kind].expiresOn).toBe(after[kind].expiresOn);
        }
      }),
      RUNS,
    );
  });

  it('reports notes in a fixed order, each once', () => {
    fc.assert(
      fc.property(validityInput, (value) => {
        const { notes } = computeValidity(value, domainRules, domainIssuance);
        const positions = notes.map((note) => VALIDITY_NOTES.indexOf(note));
        expect(positions).toEqual([...new Set(positions)].sort((a, b) => a - b));
      }),
      RUNS,
    );
  });
});
