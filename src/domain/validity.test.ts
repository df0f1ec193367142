import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './calendar.ts';
import { domainIssuance, domainRules } from '../../test/support/rules.ts';
import { anyDate, dateBetween, refAddDays, refIsLeapYear, refRenewsInsideWindow } from '../../test/support/dates.ts';
import { certificateStatus, computeValidity, nthBirthdayAfter, type CertificateOutcome, type CertificateStatus } from './validity.ts';
import { InvalidValidityInput, validateValidityInput, type ValidityInput } from './validity-input.ts';
import { VALIDITY_NOTES } from './validity-notes.ts';

const RUNS = { numRuns: 2000 };

function input(overrides: Partial<ValidityInput>): ValidityInput {
  return {
    birthDate: '1990-10-10',
    issuedOn: '2020-05-15',
    previousExpiresOn: null,
    previousUserAuthenticationExpiresOn: null,
    previousSignatureExpiresOn: null,
    appliedOn: null,
    cardExpiresOn: null,
    underGuardianship: false,
    asOf: '2021-01-01',
    ...overrides,
  };
}

function compute(overrides: Partial<ValidityInput>) {
  return computeValidity(input(overrides), domainRules, domainIssuance);
}

describe('nthBirthdayAfter: worked examples (docs/domain-rules.md §2)', () => {
  it.each([
    ['1990-10-10', '2020-05-15', 5, '2024-10-10'],
    ['1990-10-10', '2020-10-10', 5, '2025-10-10'],
    ['1990-10-10', '2020-10-09', 5, '2024-10-10'],
    ['1990-10-10', '2020-10-11', 5, '2025-10-10'],
    ['1990-10-10', '2020-05-15', 10, '2029-10-10'],
    ['1990-10-10', '2020-05-15', 1, '2020-10-10'],
    ['2000-02-29', '2021-06-01', 5, '2026-02-28'],
    ['2000-02-29', '2021-06-01', 3, '2024-02-29'],
    ['2000-02-29', '2024-02-29', 5, '2029-02-28'],
    ['2000-02-29', '2023-02-28', 1, '2024-02-29'],
    ['2020-05-15', '2020-05-15', 5, '2025-05-15'],
    ['2024-02-29', '2024-02-29', 1, '2025-02-28'],
  ])('born %s, issued %s: birthday no. %i after is %s', (birthDate, issuedOn, n, expected) => {
    expect(nthBirthdayAfter(birthDate, issuedOn, n, domainRules)).toBe(expected);
  });

  it('takes the 29 February stand-in from the rule data', () => {
    expect(nthBirthdayAfter('2000-02-29', '2021-06-01', 5, { leapDayBirthdayInCommonYear: { month: 3, day: 1 } })).toBe(
      '2026-03-01',
    );
  });

  it('refuses a count below 1', () => {
    expect(() => nthBirthdayAfter('1990-10-10', '2020-05-15', 0, domainRules)).toThrow(RangeError);
  });

  // Reference: walk day by day from the day after issue, counting the days that are birthdays.
  it('is the n-th birthday a day-by-day walk finds', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 80 * 366 }), fc.integer({ min: 1, max: 6 }), (birthDate, age, n) => {
        const issuedOn = refAddDays(birthDate, age);
        if (issuedOn > '2190-12-31') return;
        const [, birthMonth, birthDay] = birthDate.split('-').map(Number);
        let count = 0;
        let day = issuedOn;
        while (count < n) {
          day = refAddDays(day, 1);
          const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
          const isBirthday =
            birthMonth === 2 && birthDay === 29 && !refIsLeapYear(year)
              ? month === 2 && dayOfMonth === 28
              : month === birthMonth && dayOfMonth === birthDay;
          if (isBirthday) count += 1;
        }
        expect(nthBirthdayAfter(birthDate, issuedOn, n, domainRules)).toBe(day);
      }),
      { numRuns: 500 },
    );
  });
});

describe('certificateStatus', () => {
  const renewal = { expiresOn: '2024-10-10', opensOn: '2024-07-11' };
  it.each([
    ['2020-05-14', 'NOT_YET_ISSUED'],
    ['2020-05-15', 'VALID'],
    ['2024-07-10', 'VALID'],
    ['2024-07-11', 'RENEWABLE'],
    ['2024-10-10', 'RENEWABLE'],
    ['2024-10-11', 'EXPIRED'],
  ])('issued 2020-05-15, expiring 2024-10-10, as of %s: %s', (asOf, status) => {
    expect(certificateStatus('2020-05-15', renewal, asOf)).toBe(status);
  });

  it('is NOT_ISSUABLE without a certificate', () => {
    expect(certificateStatus('2020-05-15', null, '2021-01-01')).toBe('NOT_ISSUABLE');
  });
});

describe('computeValidity: worked examples', () => {
  it('a first issue runs to the 5th birthday after the issue date, both certificates', () => {
    const result = compute({ asOf: '2024-08-01' });
    const expected: CertificateOutcome = {
      kind: 'USER_AUTHENTICATION',
      issuable: true,
      expiresOn: '2024-10-10',
      birthdayCount: 5,
      status: 'RENEWABLE',
      renewal: { expiresOn: '2024-10-10', opensOn: '2024-07-11', phase: 'OPEN' },
    };
    expect(result).toEqual({
      asOf: '2024-08-01',
      userAuthentication: expected,
      signature: { ...expected, kind: 'SIGNATURE' },
      notes: [],
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

    it('the day before the window opens gets the 5th birthday', () => {
      const result = renewal('2020-01-10');
      expect(result.userAuthentication.birthdayCount).toBe(5);
      expect(result.userAuthentication.expiresOn).toBe('2024-04-10');
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
    expect(result.userAuthentication.renewal).toEqual({ expiresOn: '2023-01-01', opensOn: '2022-10-02', phase: 'OPEN' });
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

  // A renewal inside the window runs at least 5 full birthdays past the old expiry, so nothing is lost.
  it('renewing inside the window of an uncapped certificate loses nothing', () => {
    fc.assert(
      fc.property(validityInput, fc.integer({ min: 0, max: 92 }), (value, daysBefore) => {
        const previousExpiresOn = nthBirthdayAfter(value.birthDate, value.issuedOn, 5, domainRules);
        const issuedOn = addDays(previousExpiresOn, -daysBefore);
        if (!refRenewsInsideWindow(previousExpiresOn, issuedOn, 3) || issuedOn > '2190-12-31') return;
        const result = computeValidity({ ...value, issuedOn, previousExpiresOn, cardExpiresOn: null }, domainRules, domainIssuance);
        expect(result.userAuthentication.expiresOn).toBe(
          daysBefore === 0
            ? nthBirthdayAfter(value.birthDate, previousExpiresOn, 6, domainRules)
            : nthBirthdayAfter(value.birthDate, previousExpiresOn, 5, domainRules),
        );
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
