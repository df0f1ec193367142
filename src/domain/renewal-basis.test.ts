import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { domainIssuance, domainRules } from '../../test/support/rules.ts';
import { validityInput } from '../../test/support/validity-input.ts';
import { anyDate, refAddDays, refAddMonthsClamped, refNthBirthdayAfter } from '../../test/support/dates.ts';
import { computeValidity } from './validity.ts';
import type { ValidityInput } from './validity-input.ts';

const RUNS = { numRuns: 1000 };

function input(overrides: Partial<ValidityInput>): ValidityInput {
  return validityInput({ birthDate: '1980-10-10', issuedOn: '2020-05-15', asOf: '2026-11-25', ...overrides });
}

const compute = (overrides: Partial<ValidityInput>) => computeValidity(input(overrides), domainRules, domainIssuance);
const expiries = (result: ReturnType<typeof compute>) => [result.userAuthentication.expiresOn, result.signature.expiresOn];

describe('the 6th birthday per certificate (docs/domain-rules.md §9)', () => {
  it('first issued at 12, renewed at 16 inside the window: user authentication to the 6th birthday, the new signature certificate to the 5th', () => {
    const result = compute({ birthDate: '2007-09-01', issuedOn: '2024-08-01', previousUserAuthenticationExpiresOn: '2024-09-01' });
    expect(expiries(result)).toEqual(['2029-09-01', '2028-09-01']);
    expect([result.userAuthentication.birthdayCount, result.signature.birthdayCount]).toEqual([6, 5]);
    expect(result.notes).toEqual(['USER_AUTHENTICATION_RENEWED_INSIDE_WINDOW', 'SIGNATURE_FIRST_ISSUE']);
  });

  it('previousExpiresOn still names both certificates', () => {
    const result = compute({ birthDate: '2007-09-01', issuedOn: '2024-08-01', previousExpiresOn: '2024-09-01' });
    expect(expiries(result)).toEqual(['2029-09-01', '2029-09-01']);
    expect(result.notes).toEqual(['RENEWED_INSIDE_WINDOW']);
  });

  it('a signature certificate gets the 6th birthday only when its own predecessor was inside its window', () => {
    const inside = compute({ issuedOn: '2024-09-01', previousUserAuthenticationExpiresOn: '2024-10-10', previousSignatureExpiresOn: '2024-10-10' });
    expect(expiries(inside)).toEqual(['2029-10-10', '2029-10-10']);
    expect(inside.notes).toEqual(['USER_AUTHENTICATION_RENEWED_INSIDE_WINDOW', 'SIGNATURE_RENEWED_INSIDE_WINDOW']);
    // The signature certificate had been revoked early (a change of address) and expired long before.
    const lapsed = compute({ issuedOn: '2024-09-01', previousUserAuthenticationExpiresOn: '2024-10-10', previousSignatureExpiresOn: '2022-03-31' });
    expect(expiries(lapsed)).toEqual(['2029-10-10', '2028-10-10']);
    expect(lapsed.notes).toEqual(['USER_AUTHENTICATION_RENEWED_INSIDE_WINDOW', 'SIGNATURE_ISSUED_OUTSIDE_RENEWAL_WINDOW']);
  });

  it('a signature certificate inside its window is still capped by a user-authentication certificate that was not', () => {
    const result = compute({ issuedOn: '2024-09-01', previousUserAuthenticationExpiresOn: '2025-10-10', previousSignatureExpiresOn: '2024-10-10' });
    expect(expiries(result)).toEqual(['2028-10-10', '2028-10-10']);
    expect(result.signature.birthdayCount).toBe(6);
    // The user-authentication certificate's window opened on 2025-07-11, long after the application.
    expect(result.notes).toEqual([
      'USER_AUTHENTICATION_ISSUED_OUTSIDE_RENEWAL_WINDOW',
      'USER_AUTHENTICATION_APPLIED_BEFORE_RENEWAL_WINDOW',
      'SIGNATURE_RENEWED_INSIDE_WINDOW',
      'CAPPED_BY_USER_AUTHENTICATION',
    ]);
    expect(result.noteDates).toEqual({ USER_AUTHENTICATION_APPLIED_BEFORE_RENEWAL_WINDOW: '2025-07-11' });
  });

  it('notes only that the signature certificate is not issued when the holder is under its minimum age', () => {
    const result = compute({ birthDate: '2012-09-01', issuedOn: '2024-08-01', previousUserAuthenticationExpiresOn: '2024-09-01' });
    expect(result.notes).toEqual(['USER_AUTHENTICATION_RENEWED_INSIDE_WINDOW', 'SIGNATURE_NOT_ISSUED_UNDER_MINIMUM_AGE']);
  });
});

describe('the application day decides the window (docs/domain-rules.md §9)', () => {
  // Previous certificates capped by the card at 2025-08-31 (window from 2025-06-01); applied
  // 2025-08-01, the card kept and the new certificates issued 2025-09-05.
  const kept = { birthDate: '1980-10-10', issuedOn: '2025-09-05', appliedOn: '2025-08-01' };

  it.each([
    ['previousExpiresOn', { previousExpiresOn: '2025-08-31' }, ['WINDOW_JUDGED_ON_APPLICATION_DATE', 'RENEWED_INSIDE_WINDOW']],
    [
      'the per-certificate fields',
      { previousUserAuthenticationExpiresOn: '2025-08-31', previousSignatureExpiresOn: '2025-08-31' },
      ['WINDOW_JUDGED_ON_APPLICATION_DATE', 'USER_AUTHENTICATION_RENEWED_INSIDE_WINDOW', 'SIGNATURE_RENEWED_INSIDE_WINDOW'],
    ],
  ])('applied inside, issued after expiry (%s): the 6th birthday after the issue date', (_form, previous, notes) => {
    const result = compute({ ...kept, ...previous });
    expect(expiries(result)).toEqual(['2030-10-10', '2030-10-10']);
    expect(result.notes).toEqual(notes);
  });

  it('without the application day the issue day decides: the 5th birthday', () => {
    const result = compute({ ...kept, appliedOn: null, previousExpiresOn: '2025-08-31' });
    expect(expiries(result)).toEqual(['2029-10-10', '2029-10-10']);
    expect(result.notes).toEqual(['ISSUED_OUTSIDE_RENEWAL_WINDOW']);
  });

  it('applied before the window opened: the 5th birthday, one year shorter, with the day the window opened', () => {
    const result = compute({ ...kept, appliedOn: '2025-05-31', previousExpiresOn: '2025-08-31' });
    expect(expiries(result)).toEqual(['2029-10-10', '2029-10-10']);
    expect(result.notes).toEqual(['WINDOW_JUDGED_ON_APPLICATION_DATE', 'ISSUED_OUTSIDE_RENEWAL_WINDOW', 'APPLIED_BEFORE_RENEWAL_WINDOW']);
    expect(result.noteDates).toEqual({ APPLIED_BEFORE_RENEWAL_WINDOW: '2025-06-01' });
  });

  it('an application day with nothing renewed, or equal to the issue day, needs no note', () => {
    expect(compute({ ...kept }).notes).toEqual([]);
    expect(compute({ ...kept, appliedOn: kept.issuedOn, previousExpiresOn: '2025-10-10' }).notes).toEqual(['RENEWED_INSIDE_WINDOW']);
  });
});

describe('previous certificates named one way or the other', () => {
  it.each<[Partial<ValidityInput>, string]>([
    [{ previousExpiresOn: '2020-06-01', previousUserAuthenticationExpiresOn: '2020-06-01' }, 'previousExpiresOn'],
    [{ previousExpiresOn: '2020-06-01', previousSignatureExpiresOn: '2020-06-01' }, 'previousExpiresOn'],
    [{ previousSignatureExpiresOn: '2201-01-01' }, 'previousSignatureExpiresOn'],
    [{ previousUserAuthenticationExpiresOn: '2020-02-30' }, 'previousUserAuthenticationExpiresOn'],
    [{ appliedOn: '2020-05-16' }, 'appliedOn'],
    [{ appliedOn: '1980-10-09' }, 'appliedOn'],
  ])('rejects %j naming %s', (overrides, field) => {
    expect(() => compute(overrides)).toThrow(expect.objectContaining({ field }) as Error);
  });
});

// Reference for the window, independent of renewal.ts: a renewal applied on `appliedOn` replaces a
// certificate expiring on `previous` from inside its window exactly when fewer than 3 months then
// remained, i.e. `appliedOn` + 3 months (clamped to a shorter month's end) reaches past the expiry day.
function refInsideWindow(previous: string, appliedOn: string): boolean {
  return appliedOn <= previous && refAddMonthsClamped(appliedOn, 3) > previous;
}

describe('per-certificate properties', () => {
  const perCertificate = fc
    .record({
      birthDate: anyDate.filter((d) => d >= '1900-01-01' && d <= '2100-12-31'),
      age: fc.integer({ min: 15 * 366, max: 80 * 366 }),
      delay: fc.integer({ min: 0, max: 60 }),
      userOffset: fc.option(fc.integer({ min: -200, max: 200 }), { nil: null }),
      signatureOffset: fc.option(fc.integer({ min: -200, max: 200 }), { nil: null }),
    })
    .map(({ birthDate, age, delay, userOffset, signatureOffset }) => {
      const appliedOn = refAddDays(birthDate, age);
      return input({
        birthDate,
        appliedOn,
        issuedOn: refAddDays(appliedOn, delay),
        previousUserAuthenticationExpiresOn: userOffset === null ? null : refAddDays(appliedOn, userOffset),
        previousSignatureExpiresOn: signatureOffset === null ? null : refAddDays(appliedOn, signatureOffset),
      });
    })
    // A signature certificate never outlived the user-authentication one (docs/domain-rules.md §1): the input is refused otherwise.
    .filter((value) => value.previousUserAuthenticationExpiresOn === null || value.previousSignatureExpiresOn === null || value.previousSignatureExpiresOn <= value.previousUserAuthenticationExpiresOn);

  it('counts 6 birthdays for a certificate exactly when its own predecessor was inside its window on the application day', () => {
    fc.assert(
      fc.property(perCertificate, (value) => {
        const result = computeValidity(value, domainRules, domainIssuance);
        const count = (previous: string | null) => (previous !== null && refInsideWindow(previous, value.appliedOn ?? '') ? 6 : 5);
        expect(result.userAuthentication.birthdayCount).toBe(count(value.previousUserAuthenticationExpiresOn));
        expect(result.signature.birthdayCount).toBe(count(value.previousSignatureExpiresOn));
      }),
      RUNS,
    );
  });

  it('notes an application before the window exactly when it came before the window opened, with that day, one birthday short of a renewal inside it', () => {
    fc.assert(
      fc.property(perCertificate, (value) => {
        const result = computeValidity(value, domainRules, domainIssuance);
        const previous = value.previousUserAuthenticationExpiresOn;
        const before = previous !== null && (value.appliedOn ?? '') < previous && !refInsideWindow(previous, value.appliedOn ?? '');
        expect(result.notes.includes('USER_AUTHENTICATION_APPLIED_BEFORE_RENEWAL_WINDOW')).toBe(before);
        if (!before) return;
        const opensOn = result.noteDates.USER_AUTHENTICATION_APPLIED_BEFORE_RENEWAL_WINDOW ?? '';
        expect(refInsideWindow(previous, opensOn) && !refInsideWindow(previous, refAddDays(opensOn, -1))).toBe(true);
        const inside = computeValidity({ ...value, appliedOn: opensOn, issuedOn: opensOn > value.issuedOn ? opensOn : value.issuedOn }, domainRules, domainIssuance);
        expect(result.userAuthentication.birthdayCount).toBe(5);
        expect(inside.userAuthentication.birthdayCount).toBe(6);
      }),
      RUNS,
    );
  });

  it('with a card, notes an application before the window exactly when the card lets it end sooner than a renewal inside the window', () => {
    // Both are capped by the card. The early certificate runs to the 5th birthday after its issue day (docs/domain-rules.md §2:
    // 発行の日後); a renewal applied for inside the window runs to the 6th after its own, issued that same day at the earliest,
    // and never before the window opened.
    const withCard = fc.tuple(perCertificate, fc.integer({ min: 61, max: 12 * 366 })).map(([value, days]) => ({ ...value, cardExpiresOn: refAddDays(value.appliedOn ?? '', days) }));
    const earlier = (a: string, b: string) => (a < b ? a : b);
    fc.assert(
      fc.property(withCard, (value) => {
        const result = computeValidity(value, domainRules, domainIssuance);
        const previous = value.previousUserAuthenticationExpiresOn;
        const appliedOn = value.appliedOn ?? '';
        if (previous === null || appliedOn >= previous || refInsideWindow(previous, appliedOn)) return;
        let opensOn = previous;
        while (refInsideWindow(previous, refAddDays(opensOn, -1))) opensOn = refAddDays(opensOn, -1);
        const early = earlier(refNthBirthdayAfter(value.birthDate, value.issuedOn, 5), value.cardExpiresOn);
        const inside = earlier(refNthBirthdayAfter(value.birthDate, value.issuedOn > opensOn ? value.issuedOn : opensOn, 6), value.cardExpiresOn);
        expect(result.notes.includes('USER_AUTHENTICATION_APPLIED_BEFORE_RENEWAL_WINDOW')).toBe(early < inside);
      }),
      RUNS,
    );
  });

  it('gives the same answer for one date in both per-certificate fields as for previousExpiresOn', () => {
    fc.assert(
      fc.property(perCertificate, (value) => {
        const previous = value.previousUserAuthenticationExpiresOn;
        if (previous === null) return;
        const perField = computeValidity({ ...value, previousSignatureExpiresOn: previous }, domainRules, domainIssuance);
        const both = computeValidity(
          { ...value, previousExpiresOn: previous, previousUserAuthenticationExpiresOn: null, previousSignatureExpiresOn: null },
          domainRules,
          domainIssuance,
        );
        expect(perField.userAuthentication).toEqual(both.userAuthentication);
        expect(perField.signature).toEqual(both.signature);
      }),
      RUNS,
    );
  });
});
