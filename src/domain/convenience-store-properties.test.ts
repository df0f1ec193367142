import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  convenienceStoreEligibility,
  CONVENIENCE_STORE_REFUSALS,
  type ConvenienceStoreEligibilityInput,
  type ConvenienceStoreRefusal,
} from './convenience-store.ts';
import { domainConvenienceStore, domainRules } from '../../test/support/rules.ts';
import { dateBetween, refAddDays, refIsLeapYear } from '../../test/support/dates.ts';

const RUNS = { numRuns: 1000 };

// Reference, written from docs/domain-rules.md §8 without the module's helpers: the day a person turns `age`
// (1 March for a 29 February birth in a common year), then the four personal conditions, then the groups.
function refAgeReachedOn(birthDate: string, age: number): string {
  const year = Number(birthDate.slice(0, 4)) + age;
  const monthDay = birthDate.slice(5) === '02-29' && !refIsLeapYear(year) ? '03-01' : birthDate.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

function reference(value: ConvenienceStoreEligibilityInput) {
  // What no procedure changes: age, guardianship, residence and domicile; renewal and a PIN reset cure the rest.
  const lasting = value.asOf >= refAgeReachedOn(value.birthDate, 15) && !value.underGuardianship;
  const personal = lasting && value.asOf <= value.userAuthenticationExpiresOn && !value.pinLocked;
  const residentGroup = personal && value.residentOfSapporo;
  const domicileGroup = personal && value.domicileInSapporo;
  const residentAfter = lasting && value.residentOfSapporo;
  const domicileAfter = lasting && value.domicileInSapporo;
  const registers = value.domicileInSapporo && !value.residentOfSapporo;
  return {
    eligible: residentGroup || domicileGroup,
    documents: [residentGroup, residentGroup, domicileGroup, domicileGroup, domicileGroup],
    eligibleAfterRemedies: residentAfter || domicileAfter,
    documentsAfterRemedies: [residentAfter, residentAfter, domicileAfter, domicileAfter, domicileAfter],
    stepsBeforeUse: [false, false, registers, registers, registers],
  };
}

const eligibilityInput: fc.Arbitrary<ConvenienceStoreEligibilityInput> = fc
  .record({
    birthDate: fc.oneof(dateBetween('1900-01-01', '2150-12-31'), fc.constantFrom('2008-02-29', '2012-02-29', '2000-02-29', '1996-02-29')),
    ageInDays: fc.integer({ min: 0, max: 40 * 366 }),
    nearFifteen: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
    expiryOffset: fc.integer({ min: -800, max: 800 }),
    residentOfSapporo: fc.boolean(),
    domicileInSapporo: fc.boolean(),
    pinLocked: fc.boolean(),
    underGuardianship: fc.boolean(),
  })
  .map(({ birthDate, ageInDays, nearFifteen, expiryOffset, ...flags }) => {
    const asOf = nearFifteen === null ? refAddDays(birthDate, ageInDays) : refAddDays(refAgeReachedOn(birthDate, 15), nearFifteen);
    const expiry = refAddDays(asOf, expiryOffset);
    return { ...flags, birthDate, asOf, userAuthenticationExpiresOn: expiry > birthDate ? expiry : refAddDays(birthDate, 1) };
  });

const run = (value: ConvenienceStoreEligibilityInput) => convenienceStoreEligibility(value, domainConvenienceStore, domainRules);

describe('convenienceStoreEligibility properties', () => {
  it('agrees with the reference, document by document', () => {
    fc.assert(
      fc.property(eligibilityInput, (value) => {
        const result = run(value);
        const expected = reference(value);
        expect(result.eligible).toBe(expected.eligible);
        expect(result.documents.map((d) => d.eligible)).toEqual(expected.documents);
        expect(result.eligibleAfterRemedies).toBe(expected.eligibleAfterRemedies);
        expect(result.documents.map((d) => d.eligibleAfterRemedies)).toEqual(expected.documentsAfterRemedies);
        expect(result.documents.map((d) => d.stepsBeforeUse.includes('USE_REGISTRATION'))).toEqual(expected.stepsBeforeUse);
        expect(result.stepsBeforeUse.includes('USE_REGISTRATION')).toBe(expected.stepsBeforeUse.includes(true));
      }),
      RUNS,
    );
  });

  it('leaves as remaining exactly the refusals no procedure cures, none when the remedies suffice', () => {
    const uncured = new Set<ConvenienceStoreRefusal>(['UNDER_MINIMUM_AGE', 'UNDER_GUARDIANSHIP', 'NOT_RESIDENT', 'NOT_DOMICILED']);
    fc.assert(
      fc.property(eligibilityInput, (value) => {
        const result = run(value);
        for (const document of result.documents) {
          expect(document.remainingRefusals).toEqual(document.refusals.filter((refusal) => uncured.has(refusal)));
          expect(document.eligibleAfterRemedies).toBe(document.remainingRefusals.length === 0);
          if (document.eligible) expect(document.eligibleAfterRemedies).toBe(true);
        }
        expect(result.remainingRefusals.length === 0).toBe(result.eligibleAfterRemedies);
        if (!result.eligibleAfterRemedies) expect(result.remainingRefusals).toEqual(result.refusals.filter((refusal) => uncured.has(refusal)));
      }),
      RUNS,
    );
  });

  it('is never eligible when the certificate expired before asOf', () => {
    fc.assert(
      fc.property(eligibilityInput, (value) => {
        const result = run(value);
        if (value.userAuthenticationExpiresOn < value.asOf) {
          expect(result.eligible).toBe(false);
          expect(result.refusals).toContain('CERTIFICATE_EXPIRED');
          expect(result.remedies[0]).toBe('RENEWAL');
        }
      }),
      RUNS,
    );
  });

  it('refuses for age exactly before the 15th birthday (1 March for 29 February births in common years)', () => {
    fc.assert(
      fc.property(eligibilityInput, (value) => {
        const underAge = value.asOf < refAgeReachedOn(value.birthDate, 15);
        for (const document of run(value).documents) expect(document.refusals.includes('UNDER_MINIMUM_AGE')).toBe(underAge);
      }),
      RUNS,
    );
  });

  it('gives the day the minimum age is reached exactly when under it on asOf, and notes every 29 February birth', () => {
    fc.assert(
      fc.property(eligibilityInput, (value) => {
        const result = run(value);
        const reached = refAgeReachedOn(value.birthDate, 15);
        expect(result.minimumAgeReachedOn).toBe(value.asOf < reached ? reached : null);
        expect(result.notes).toEqual(value.birthDate.endsWith('-02-29') ? ['LEAP_DAY_BIRTHDAY_ASSUMED'] : []);
      }),
      RUNS,
    );
  });

  it('never makes anyone eligible by adding a lock, guardianship, or taking away residence or domicile', () => {
    const worse: ((v: ConvenienceStoreEligibilityInput) => ConvenienceStoreEligibilityInput)[] = [
      (v) => ({ ...v, pinLocked: true }),
      (v) => ({ ...v, underGuardianship: true }),
      (v) => ({ ...v, residentOfSapporo: false }),
      (v) => ({ ...v, domicileInSapporo: false }),
    ];
    fc.assert(
      fc.property(eligibilityInput, fc.constantFrom(...worse), (value, change) => {
        const before = run(value);
        const after = run(change(value));
        if (!before.eligible) expect(after.eligible).toBe(false);
        before.documents.forEach((document, index) => {
          if (!document.eligible) expect(after.documents[index]?.eligible).toBe(false);
        });
      }),
      RUNS,
    );
  });

  it('lists refusals in enum order, none when eligible, each document\'s among them, and one remedy per curable refusal', () => {
    const order = (refusals: readonly ConvenienceStoreRefusal[]) => refusals.map((r) => CONVENIENCE_STORE_REFUSALS.indexOf(r));
    fc.assert(
      fc.property(eligibilityInput, (value) => {
        const result = run(value);
        expect(result.refusals.length === 0).toBe(result.eligible);
        expect(order(result.refusals)).toEqual([...new Set(order(result.refusals))].sort((a, b) => a - b));
        for (const document of result.documents) {
          expect(document.eligible).toBe(document.refusals.length === 0);
          if (!result.eligible) for (const refusal of document.refusals) expect(result.refusals).toContain(refusal);
        }
        const expectedRemedies = [
          ...(result.refusals.includes('CERTIFICATE_EXPIRED') ? ['RENEWAL'] : []),
          ...(result.refusals.includes('PIN_LOCKED') ? ['PIN_RESET'] : []),
        ];
        expect(result.remedies).toEqual(expectedRemedies);
        expect(result.domicileUseRegistrationRequired).toBe(value.domicileInSapporo && !value.residentOfSapporo);
      }),
      RUNS,
    );
  });
});
