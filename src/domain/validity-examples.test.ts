import { describe, expect, it } from 'vitest';
import { domainIssuance, domainRules } from '../../test/support/rules.ts';
import { validityInput } from '../../test/support/validity-input.ts';
import { computeValidity, type CertificateOutcome } from './validity.ts';
import { InvalidValidityInput, validateValidityInput, type ValidityInput } from './validity-input.ts';

function input(overrides: Partial<ValidityInput>): ValidityInput {
  return validityInput({ birthDate: '1990-10-10', issuedOn: '2020-05-15', asOf: '2021-01-01', ...overrides });
}

function compute(overrides: Partial<ValidityInput>) {
  return computeValidity(input(overrides), domainRules, domainIssuance);
}

describe('computeValidity: worked examples', () => {
  it('a first issue runs to the 5th birthday after the issue date, both certificates, and names the rules it applied', () => {
    const result = compute({ asOf: '2024-08-01' });
    const expected: CertificateOutcome = {
      kind: 'USER_AUTHENTICATION',
      issuable: true,
      expiresOn: '2024-10-10',
      birthdayCount: 5,
      status: 'RENEWABLE',
      renewal: { expiresOn: '2024-10-10', opensOn: '2024-07-11', movedToFirstOfNextMonth: false, phase: 'OPEN', rules: ['RENEWAL_WINDOW'], notes: [], noteDates: {} },
      rules: ['VALIDITY_BIRTHDAYS', 'RENEWAL_WINDOW'],
    };
    // The signature certificate was also judged against its limits (age 15, guardianship).
    const signatureRules = ['VALIDITY_BIRTHDAYS', 'SIGNATURE_ISSUANCE_LIMITS', 'RENEWAL_WINDOW'];
    expect(result).toEqual({
      asOf: '2024-08-01',
      userAuthentication: expected,
      signature: { ...expected, kind: 'SIGNATURE', rules: signatureRules },
      notes: [],
      noteDates: {},
      rules: signatureRules,
    });
  });

  it('a birthday on the issue date does not count', () => {
    const result = compute({ issuedOn: '2020-10-10' });
    expect(result.userAuthentication.expiresOn).toBe('2025-10-10');
    expect(result.signature.expiresOn).toBe('2025-10-10');
  });

  it.each([
    ['2019-12-31', 'NOT_YET_ISSUED', 'NOT_YET_OPEN'],
    ['2020-05-15', 'VALID', 'NOT_YET_OPEN'],
    ['2024-07-11', 'RENEWABLE', 'OPEN'],
    ['2024-10-11', 'EXPIRED', 'EXPIRED_STILL_RENEWABLE'],
  ])('as of %s the status is %s and the renewal phase %s', (asOf, status, phase) => {
    const result = compute({ asOf });
    expect(result.userAuthentication.status).toBe(status);
    expect(result.userAuthentication.renewal?.phase).toBe(phase);
  });

  describe('renewal of certificates expiring 2020-04-10 (born 1985-04-10)', () => {
    const renewal = (issuedOn: string) =>
      compute({ birthDate: '1985-04-10', previousExpiresOn: '2020-04-10', issuedOn, asOf: issuedOn });

    it('inside the window gets the 6th birthday', () => {
      const result = renewal('2020-02-01');
      expect(result.userAuthentication.birthdayCount).toBe(6);
      expect(result.userAuthentication.expiresOn).toBe('2025-04-10');
      expect(result.signature.birthdayCount).toBe(6);
      expect(result.signature.expiresOn).toBe('2025-04-10');
      expect(result.notes).toEqual(['RENEWED_INSIDE_WINDOW']);
    });

    it('on the first day of the window gets the 6th birthday', () => {
      expect(renewal('2020-01-11').userAuthentication.birthdayCount).toBe(6);
    });

    it('the day after the previous expiry gets the 5th birthday', () => {
      const result = renewal('2020-04-11');
      expect(result.userAuthentication.birthdayCount).toBe(5);
      expect(result.userAuthentication.expiresOn).toBe('2025-04-10');
      expect(result.notes).toEqual(['ISSUED_OUTSIDE_RENEWAL_WINDOW']);
    });

    // Edogawa City: applied before the window, the new certificate is one year shorter; the answer names the day the window opened.
    it('the day before the window opens gets the 5th birthday, one year shorter, and the day the window opened', () => {
      const result = renewal('2020-01-10');
      expect(result.userAuthentication.birthdayCount).toBe(5);
      expect(result.userAuthentication.expiresOn).toBe('2024-04-10');
      expect(renewal('2020-01-11').userAuthentication.expiresOn).toBe('2025-04-10');
      expect(result.notes).toEqual(['ISSUED_OUTSIDE_RENEWAL_WINDOW', 'APPLIED_BEFORE_RENEWAL_WINDOW']);
      expect(result.noteDates).toEqual({ APPLIED_BEFORE_RENEWAL_WINDOW: '2020-01-11' });
      expect(result.userAuthentication.rules).toContain('APPLICATION_BEFORE_RENEWAL_WINDOW');
    });

    it('after the previous expiry it is outside the window but not before it: no one-year-shorter note', () => {
      const result = renewal('2020-04-11');
      expect(result.noteDates).toEqual({});
      expect(result.notes).toEqual(['ISSUED_OUTSIDE_RENEWAL_WINDOW']);
    });

    // The literal rule: on the expiry day the window is still open (6th birthday) and that day's
    // birthday does not count, so the new certificate runs six years from the old expiry.
    it('on the expiry day itself gets the 6th birthday after it', () => {
      const result = renewal('2020-04-10');
      expect(result.userAuthentication.birthdayCount).toBe(6);
      expect(result.userAuthentication.expiresOn).toBe('2026-04-10');
    });
  });

  it('born 29 February: the 5th birthday after 2021-06-01 is 2026-02-28, with the assumption noted', () => {
    const result = compute({ birthDate: '2000-02-29', issuedOn: '2021-06-01' });
    expect(result.userAuthentication.expiresOn).toBe('2026-02-28');
    expect(result.signature.expiresOn).toBe('2026-02-28');
    expect(result.notes).toEqual(['LEAP_DAY_BIRTHDAY_ASSUMED']);
  });

  it('notes the 29 February assumption even when the expiry falls in a leap year', () => {
    const result = compute({ birthDate: '2000-02-29', issuedOn: '2019-06-01' });
    expect(result.userAuthentication.expiresOn).toBe('2024-02-29');
    expect(result.notes).toContain('LEAP_DAY_BIRTHDAY_ASSUMED');
  });

  describe('signature certificate for someone born 2008-02-29 (age judged on the issue date)', () => {
    it('is not issued at 14, on 2023-02-28', () => {
      const result = compute({ birthDate: '2008-02-29', issuedOn: '2023-02-28', asOf: '2023-03-01' });
      expect(result.signature).toEqual({
        kind: 'SIGNATURE',
        issuable: false,
        expiresOn: null,
        birthdayCount: null,
        status: 'NOT_ISSUABLE',
        renewal: null,
        // Refused by the age limit, with the age reached on 1 March (年齢計算ニ関スル法律), not on the 28 February birthday.
        rules: ['SIGNATURE_ISSUANCE_LIMITS', 'LEAP_DAY_AGE'],
      });
      expect(result.userAuthentication.issuable).toBe(true);
      // 28 February is this person's birthday in 2023, and a birthday on the issue date does not count.
      expect(result.userAuthentication.expiresOn).toBe('2028-02-29');
      expect(result.notes).toEqual(['LEAP_DAY_BIRTHDAY_ASSUMED', 'SIGNATURE_NOT_ISSUED_UNDER_MINIMUM_AGE']);
    });

    it('is issued at 15, on 2023-03-01', () => {
      const result = compute({ birthDate: '2008-02-29', issuedOn: '2023-03-01' });
      expect(result.signature.issuable).toBe(true);
      expect(result.signature.expiresOn).toBe('2028-02-29');
    });
  });

  it('is not issued to an adult under guardianship; the user certificate is', () => {
    const result = compute({ underGuardianship: true });
    expect(result.signature.status).toBe('NOT_ISSUABLE');
    expect(result.userAuthentication.expiresOn).toBe('2024-10-10');
    expect(result.notes).toEqual(['SIGNATURE_NOT_ISSUED_UNDER_GUARDIANSHIP']);
  });

  it('names both reasons when both apply', () => {
    const result = compute({ birthDate: '2010-01-01', underGuardianship: true });
    expect(result.notes).toEqual(['SIGNATURE_NOT_ISSUED_UNDER_MINIMUM_AGE', 'SIGNATURE_NOT_ISSUED_UNDER_GUARDIANSHIP']);
  });

  it('caps both certificates by the card expiry', () => {
    const result = compute({ cardExpiresOn: '2023-01-01', asOf: '2022-12-01' });
    expect(result.userAuthentication.expiresOn).toBe('2023-01-01');
    expect(result.userAuthentication.renewal).toMatchObject({ expiresOn: '2023-01-01', opensOn: '2022-10-02', phase: 'OPEN' });
    expect(result.userAuthentication.rules).toEqual(['VALIDITY_BIRTHDAYS', 'CAPPED_BY_CARD_EXPIRY', 'RENEWAL_WINDOW']);
    expect(result.signature.expiresOn).toBe('2023-01-01');
    expect(result.notes).toEqual(['CAPPED_BY_CARD_EXPIRY']);
  });

  it('does not note a card expiry that caps nothing', () => {
    expect(compute({ cardExpiresOn: '2024-10-10' }).notes).toEqual([]);
    expect(compute({ cardExpiresOn: '2029-10-10' }).notes).toEqual([]);
  });

  it('is RENEWABLE from the issue date when a cap leaves less than the window', () => {
    const result = compute({ cardExpiresOn: '2020-06-01', asOf: '2020-05-15' });
    expect(result.userAuthentication.status).toBe('RENEWABLE');
  });

  it('takes every value from the rule data', () => {
    const rules = { ...domainRules, validityBirthdays: 3, renewalValidityBirthdays: 4, renewalWindowMonths: 1 };
    const issuance = (minimumAge: number) => ({
      USER_AUTHENTICATION: { minimumAge: null, excludesAdultsUnderGuardianship: false },
      SIGNATURE: { minimumAge, excludesAdultsUnderGuardianship: false },
    });
    // Born 2003-10-10, so 16 on the issue date 2020-05-15.
    const first = computeValidity(input({ birthDate: '2003-10-10', underGuardianship: true }), rules, issuance(16));
    expect(first.userAuthentication.expiresOn).toBe('2022-10-10');
    expect(first.userAuthentication.renewal?.opensOn).toBe('2022-09-11');
    expect(first.signature.issuable).toBe(true);
    const renewed = computeValidity(input({ birthDate: '2003-10-10', previousExpiresOn: '2020-06-01' }), rules, issuance(16));
    expect(renewed.userAuthentication.birthdayCount).toBe(4);
    expect(renewed.userAuthentication.expiresOn).toBe('2023-10-10');
    const outside = computeValidity(input({ birthDate: '2003-10-10', previousExpiresOn: '2020-07-01' }), rules, issuance(16));
    expect(outside.userAuthentication.birthdayCount).toBe(3);
    const tooYoung = computeValidity(input({ birthDate: '2003-10-10' }), rules, issuance(17));
    expect(tooYoung.signature.issuable).toBe(false);
  });

  it('issues no signature certificate when rule data withholds the user certificate it depends on', () => {
    const result = computeValidity(input({}), domainRules, {
      USER_AUTHENTICATION: { minimumAge: 50, excludesAdultsUnderGuardianship: false },
      SIGNATURE: { minimumAge: null, excludesAdultsUnderGuardianship: false },
    });
    expect(result.userAuthentication.status).toBe('NOT_ISSUABLE');
    expect(result.signature.status).toBe('NOT_ISSUABLE');
  });
});

describe('validateValidityInput', () => {
  it.each<[Partial<ValidityInput>, keyof ValidityInput]>([
    [{ birthDate: '1899-12-31' }, 'birthDate'],
    [{ issuedOn: '2201-01-01' }, 'issuedOn'],
    [{ previousExpiresOn: '1899-12-31' }, 'previousExpiresOn'],
    [{ previousExpiresOn: '2201-01-01' }, 'previousExpiresOn'],
    [{ cardExpiresOn: '2201-01-01' }, 'cardExpiresOn'],
    [{ asOf: '1899-12-31' }, 'asOf'],
    [{ asOf: '2201-01-01' }, 'asOf'],
    [{ birthDate: '2020-05-16' }, 'birthDate'],
    [{ cardExpiresOn: '2020-05-14' }, 'cardExpiresOn'],
    [{ birthDate: '2023-02-30' }, 'birthDate'],
    [{ issuedOn: '2023-2-3' }, 'issuedOn'],
  ])('rejects %j naming %s', (overrides, field) => {
    const attempt = () => computeValidity(input(overrides), domainRules, domainIssuance);
    expect(attempt).toThrow(InvalidValidityInput);
    try {
      attempt();
    } catch (error) {
      expect(error).toBeInstanceOf(Error);
      expect((error as InvalidValidityInput).field).toBe(field);
      expect((error as InvalidValidityInput).name).toBe('InvalidValidityInput');
    }
  });

  it.each<Partial<ValidityInput>>([
    { birthDate: '1900-01-01', asOf: '1900-01-01' },
    { issuedOn: '2200-12-31', asOf: '2200-12-31', cardExpiresOn: '2200-12-31' },
    { birthDate: '2020-05-15' },
    { cardExpiresOn: '2020-05-15' },
    { previousExpiresOn: '2030-01-01' },
  ])('accepts %j', (overrides) => {
    expect(() => validateValidityInput(input(overrides))).not.toThrow();
    expect(() => computeValidity(input(overrides), domainRules, domainIssuance)).not.toThrow();
  });
});
