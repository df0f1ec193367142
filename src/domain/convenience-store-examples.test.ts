import { describe, expect, it } from 'vitest';
import {
  convenienceStoreEligibility,
  CONVENIENCE_STORE_REFUSALS,
  type ConvenienceStoreEligibilityInput,
} from './convenience-store.ts';
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
