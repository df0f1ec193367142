import { describe, expect, it } from 'vitest';
import { convenienceStoreEligibility, type ConvenienceStoreEligibilityInput } from './convenience-store.ts';
import { domainConvenienceStore, domainRules } from '../../test/support/rules.ts';
import { InvalidValidityInput } from './validity-input.ts';

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
    expect(result).toMatchObject({
      asOf: '2026-11-25',
      eligible: true,
      refusals: [],
      eligibleAfterRemedies: true,
      remainingRefusals: [],
      stepsBeforeUse: [],
      domicileUseRegistrationRequired: false,
      remedies: [],
    });
    const resident = { eligible: true, refusals: [], eligibleAfterRemedies: true, remainingRefusals: [], stepsBeforeUse: [] };
    // No procedure gives a 本籍: NOT_DOMICILED stays after every remedy.
    const domicile = { eligible: false, refusals: ['NOT_DOMICILED'], eligibleAfterRemedies: false, remainingRefusals: ['NOT_DOMICILED'], stepsBeforeUse: [] };
    expect(result.documents).toEqual([
      { kind: 'RESIDENCE_CERTIFICATE', ...resident },
      { kind: 'SEAL_REGISTRATION_CERTIFICATE', ...resident },
      { kind: 'FAMILY_REGISTER_ATTACHMENT', ...domicile },
      { kind: 'FAMILY_REGISTER_ALL', ...domicile },
      { kind: 'FAMILY_REGISTER_INDIVIDUAL', ...domicile },
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

  it('neither resident nor domiciled: refused with both reasons, and no procedure cures them', () => {
    expect(check({ residentOfSapporo: false })).toMatchObject({
      eligible: false,
      refusals: ['NOT_RESIDENT', 'NOT_DOMICILED'],
      remedies: [],
      eligibleAfterRemedies: false,
      remainingRefusals: ['NOT_RESIDENT', 'NOT_DOMICILED'],
    });
  });

  // ※2 of the convenience-store page: 本籍 in Sapporo, 住民登録 elsewhere → 利用登録申請 at the kiosk first.
  it('names the use registration as a step of the domicile group, apart from the refusals, and keeps eligible', () => {
    const result = check({ residentOfSapporo: false, domicileInSapporo: true });
    expect(result).toMatchObject({ eligible: true, refusals: [], stepsBeforeUse: ['USE_REGISTRATION'], domicileUseRegistrationRequired: true });
    expect(result.documents.map((d) => d.stepsBeforeUse)).toEqual([[], [], ['USE_REGISTRATION'], ['USE_REGISTRATION'], ['USE_REGISTRATION']]);
    expect(check({ domicileInSapporo: true }).stepsBeforeUse).toEqual([]);
    // The step stays named while a remedy is pending: it is needed once the PIN is re-initialised.
    expect(check({ residentOfSapporo: false, domicileInSapporo: true, pinLocked: true })).toMatchObject({
      eligible: false,
      remedies: ['PIN_RESET'],
      eligibleAfterRemedies: true,
      stepsBeforeUse: ['USE_REGISTRATION'],
    });
  });

  // The case: renewal cures the expiry, but 成年被後見人を除く still refuses every document.
  it.each<[string, Partial<ConvenienceStoreEligibilityInput>, string[], string[], boolean, string[]]>([
    ['expired, under guardianship', { birthDate: '1950-01-01', asOf: '2026-06-01', userAuthenticationExpiresOn: '2026-05-31', underGuardianship: true }, ['UNDER_GUARDIANSHIP', 'CERTIFICATE_EXPIRED', 'NOT_DOMICILED'], ['RENEWAL'], false, ['UNDER_GUARDIANSHIP', 'NOT_DOMICILED']],
    ['locked, under 15', { birthDate: '2015-01-01', pinLocked: true, domicileInSapporo: true }, ['UNDER_MINIMUM_AGE', 'PIN_LOCKED'], ['PIN_RESET'], false, ['UNDER_MINIMUM_AGE']],
    ['expired, neither resident nor domiciled', { userAuthenticationExpiresOn: '2026-11-24', residentOfSapporo: false }, ['CERTIFICATE_EXPIRED', 'NOT_RESIDENT', 'NOT_DOMICILED'], ['RENEWAL'], false, ['NOT_RESIDENT', 'NOT_DOMICILED']],
    ['expired and locked, resident', { userAuthenticationExpiresOn: '2026-11-24', pinLocked: true }, ['CERTIFICATE_EXPIRED', 'PIN_LOCKED', 'NOT_DOMICILED'], ['RENEWAL', 'PIN_RESET'], true, []],
    ['locked, 本籍 in Sapporo, living elsewhere', { pinLocked: true, residentOfSapporo: false, domicileInSapporo: true }, ['PIN_LOCKED', 'NOT_RESIDENT'], ['PIN_RESET'], true, []],
  ])('%s: remedies cure only what they cure', (_case, overrides, refusals, remedies, eligibleAfterRemedies, remainingRefusals) => {
    expect(check(overrides)).toMatchObject({ eligible: false, refusals, remedies, eligibleAfterRemedies, remainingRefusals });
  });

  it('answers per document what stays after the remedies', () => {
    const result = check({ userAuthenticationExpiresOn: '2026-11-24', residentOfSapporo: false, domicileInSapporo: true });
    expect(result.documents.map((d) => [d.eligibleAfterRemedies, d.remainingRefusals])).toEqual([
      [false, ['NOT_RESIDENT']],
      [false, ['NOT_RESIDENT']],
      [true, []],
      [true, []],
      [true, []],
    ]);
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
    // docs/domain-rules.md §8: the person first, then the document groups.
    expect(result.refusals).toEqual(['UNDER_MINIMUM_AGE', 'UNDER_GUARDIANSHIP', 'CERTIFICATE_EXPIRED', 'PIN_LOCKED', 'NOT_RESIDENT', 'NOT_DOMICILED']);
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
