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
import { InvalidValidityInput } from './validity-input.ts';

const RUNS = { numRuns: 1000 };
const RESIDENT_GROUP = ['RESIDENCE_CERTIFICATE', 'SEAL_REGISTRATION_CERTIFICATE'];
const DOMICILE_GROUP = ['FAMILY_REGISTER_ATTACHMENT', 'FAMILY_REGISTER_ALL', 'FAMILY_REGISTER_INDIVIDUAL'];

function input(overrides: Partial<ConvenienceStoreEligibilityInput>): ConvenienceStoreEligibilityInput {
  return {
    birthDate: '1990-10-10',
    userAuthenticationExpiresOn: '2028-10-10',
    residentOfSapporo: true,
    domicileInSapporo: false,
    pinLocked: false,
    underGuardianship: false,
    asOf: '2026-11-25',
    ...overrides,
  };
}

const check = (overrides: Partial<ConvenienceStoreEligibilityInput>) =>
  convenienceStoreEligibility(input(overrides), domainConvenienceStore, domainRules);

const eligibleKinds = (overrides: Partial<ConvenienceStoreEligibilityInput>) =>
  check(overrides).documents.filter((d) => d.eligible).map((d) => d.kind);

describe('convenienceStoreEligibility: docs/domain-rules.md §8 and docs/api-contract.md examples', () => {
  it('a resident of 15 or over with a valid certificate gets the resident group; 本籍 elsewhere refuses only the domicile group', () => {
    const result = check({});
    expect(result).toMatchObject({ asOf: '2026-11-25', eligible: true, refusals: [], domicileUseRegistrationRequired: false, remedies: [] });
    expect(result.documents).toEqual([
      { kind: 'RESIDENCE_CERTIFICATE', eligible: true, refusals: [] },
      { kind: 'SEAL_REGISTRATION_CERTIFICATE', eligible: true, refusals: [] },
      { kind: 'FAMILY_REGISTER_ATTACHMENT', eligible: false, refusals: ['NOT_DOMICILED'] },
      { kind: 'FAMILY_REGISTER_ALL', eligible: false, refusals: ['NOT_DOMICILED'] },
      { kind: 'FAMILY_REGISTER_INDIVIDUAL', eligible: false, refusals: ['NOT_DOMICILED'] },
    ]);
  });

  it('resident and domiciled: all five documents', () => {
    expect(eligibleKinds({ domicileInSapporo: true })).toEqual([...RESIDENT_GROUP, ...DOMICILE_GROUP]);
  });

  it('本籍 in Sapporo, living elsewhere: the domicile group, after the one-time use registration', () => {
    const result = check({ residentOfSapporo: false, domicileInSapporo: true });
    expect(result).toMatchObject({ eligible: true, refusals: [], domicileUseRegistrationRequired: true });
    expect(eligibleKinds({ residentOfSapporo: false, domicileInSapporo: true })).toEqual(DOMICILE_GROUP);
    expect(result.documents[0]?.refusals).toEqual(['NOT_RESIDENT']);
  });

  it('neither resident nor domiciled: refused with both reasons', () => {
    expect(check({ residentOfSapporo: false })).toMatchObject({ eligible: false, refusals: ['NOT_RESIDENT', 'NOT_DOMICILED'], remedies: [] });
  });

  it.each([
    ['2010-06-01', '2025-05-31', false],
    ['2010-06-01', '2025-06-01', true],
    ['2008-02-29', '2023-02-28', false],
    ['2008-02-29', '2023-03-01', true],
    ['2009-02-28', '2024-02-28', true],
    ['2009-03-01', '2024-02-29', false],
  ])('born %s: aged 15 on %s is %s', (birthDate, asOf, old) => {
    const result = check({ birthDate, asOf, userAuthenticationExpiresOn: '2030-01-01', domicileInSapporo: true });
    expect(result.eligible).toBe(old);
    expect(result.refusals).toEqual(old ? [] : ['UNDER_MINIMUM_AGE']);
  });

  it('the certificate is valid through its expiry day; the day after, renewal cures it', () => {
    expect(check({ userAuthenticationExpiresOn: '2026-11-25' }).eligible).toBe(true);
    expect(check({ userAuthenticationExpiresOn: '2026-11-24', domicileInSapporo: true })).toMatchObject({
      eligible: false,
      refusals: ['CERTIFICATE_EXPIRED'],
      remedies: ['RENEWAL'],
    });
  });

  it('a locked PIN is cured by re-initialising it', () => {
    expect(check({ pinLocked: true, domicileInSapporo: true })).toMatchObject({ eligible: false, refusals: ['PIN_LOCKED'], remedies: ['PIN_RESET'] });
  });

  it('an adult under guardianship is refused, with nothing a procedure cures', () => {
    expect(check({ underGuardianship: true, domicileInSapporo: true })).toMatchObject({ eligible: false, refusals: ['UNDER_GUARDIANSHIP'], remedies: [] });
  });

  it('once refused, names the reasons of every document, the group ones too', () => {
    expect(check({ pinLocked: true }).refusals).toEqual(['PIN_LOCKED', 'NOT_DOMICILED']);
    expect(check({ pinLocked: true, residentOfSapporo: false, domicileInSapporo: true }).refusals).toEqual(['PIN_LOCKED', 'NOT_RESIDENT']);
  });

  it('names every reason that applies, in enum order, and RENEWAL before PIN_RESET', () => {
    const result = check({
      birthDate: '2015-01-01',
      underGuardianship: true,
      userAuthenticationExpiresOn: '2025-01-01',
      pinLocked: true,
      residentOfSapporo: false,
    });
    expect(result.refusals).toEqual([...CONVENIENCE_STORE_REFUSALS]);
    expect(result.remedies).toEqual(['RENEWAL', 'PIN_RESET']);
    expect(result.documents[0]?.refusals).toEqual(['UNDER_MINIMUM_AGE', 'UNDER_GUARDIANSHIP', 'CERTIFICATE_EXPIRED', 'PIN_LOCKED', 'NOT_RESIDENT']);
    expect(result.documents[2]?.refusals).toEqual(['UNDER_MINIMUM_AGE', 'UNDER_GUARDIANSHIP', 'CERTIFICATE_EXPIRED', 'PIN_LOCKED', 'NOT_DOMICILED']);
  });

  it('takes every value from the rule data', () => {
    const rules = {
      ...domainConvenienceStore,
      minimumAge: 18,
      excludesAdultsUnderGuardianship: false,
      nonResidentsRegisterForDomicileDocuments: false,
      documents: [{ kind: 'FAMILY_REGISTER_ALL' as const, requiresResidence: true, requiresDomicile: true }],
      remedies: { PIN_LOCKED: 'PIN_RESET' as const },
    };
    const run = (overrides: Partial<ConvenienceStoreEligibilityInput>) => convenienceStoreEligibility(input(overrides), rules, domainRules);
    expect(run({ birthDate: '2010-01-01' }).refusals).toEqual(['UNDER_MINIMUM_AGE', 'NOT_DOMICILED']);
    expect(run({ domicileInSapporo: true, underGuardianship: true }).eligible).toBe(true);
    expect(run({ residentOfSapporo: false, domicileInSapporo: true })).toMatchObject({ domicileUseRegistrationRequired: false, refusals: ['NOT_RESIDENT'] });
    expect(run({ domicileInSapporo: true, userAuthenticationExpiresOn: '2020-01-01', pinLocked: true }).remedies).toEqual(['PIN_RESET']);
    expect(convenienceStoreEligibility(input({ birthDate: '2008-02-29', asOf: '2026-02-28' }), rules, { leapDayAgeInCommonYear: { month: 2, day: 28 } }).documents[0]?.refusals).not.toContain('UNDER_MINIMUM_AGE');
  });

  it.each<[Partial<ConvenienceStoreEligibilityInput>, string]>([
    [{ birthDate: '1899-12-31' }, 'birthDate'],
    [{ birthDate: '2023-02-30' }, 'birthDate'],
    [{ userAuthenticationExpiresOn: '2201-01-01' }, 'userAuthenticationExpiresOn'],
    [{ asOf: '2201-01-01' }, 'asOf'],
    [{ birthDate: '2026-11-26' }, 'birthDate'],
    [{ userAuthenticationExpiresOn: '1990-10-10' }, 'userAuthenticationExpiresOn'],
  ])('rejects %j naming %s', (overrides, field) => {
    expect(() => check(overrides)).toThrow(expect.objectContaining({ field, name: 'InvalidValidityInput' }) as InvalidValidityInput);
  });
});

// Reference, written from docs/domain-rules.md §8 without the module's helpers: the day a person turns `age`
// (1 March for a 29 February birth in a common year), then the four personal conditions, then the groups.
function refAgeReachedOn(birthDate: string, age: number): string {
  const year = Number(birthDate.slice(0, 4)) + age;
  const monthDay = birthDate.slice(5) === '02-29' && !refIsLeapYear(year) ? '03-01' : birthDate.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

function reference(value: ConvenienceStoreEligibilityInput) {
  const personal =
    value.asOf >= refAgeReachedOn(value.birthDate, 15) && !value.underGuardianship && value.asOf <= value.userAuthenticationExpiresOn && !value.pinLocked;
  const residentGroup = personal && value.residentOfSapporo;
  const domicileGroup = personal && value.domicileInSapporo;
  return { eligible: residentGroup || domicileGroup, documents: [residentGroup, residentGroup, domicileGroup, domicileGroup, domicileGroup] };
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
