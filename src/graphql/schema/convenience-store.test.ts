import { describe, expect, it } from 'vitest';
import { createTestApp, errorCodes } from '../../../test/support/app.ts';
import { schema } from './schema.ts';

const app = createTestApp({ clock: () => new Date('2026-11-25T03:00:00Z') });

const ELIGIBILITY = `
  query ($input: ConvenienceStoreEligibilityInput!) {
    convenienceStoreEligibility(input: $input) {
      asOf eligible refusals domicileUseRegistrationRequired
      documents { kind eligible refusals document { name { ja } } }
      remedies { kind name { ja } offices(residentWard: KITA) { key } }
    }
  }`;

const OUTLOOK = `
  query ($input: ConvenienceStoreEligibilityInput!) {
    convenienceStoreEligibility(input: $input) {
      eligible refusals eligibleAfterRemedies remainingRefusals stepsBeforeUse domicileUseRegistrationRequired
      remedies { kind }
      documents { kind eligible refusals eligibleAfterRemedies remainingRefusals stepsBeforeUse }
      sources { key kind url }
    }
  }`;

async function outlook(input: Record<string, unknown>) {
  const response = await app.graphql(OUTLOOK, { input: { asOf: '2026-11-25', ...input } });
  expect(response.body.errors).toBeUndefined();
  return response.body.data.convenienceStoreEligibility;
}

// The pages, as docs/domain-rules.md lists them.
const CONVENIENCE_STORE_PAGE = { key: 'sapporo-konbini-kofu-page', kind: 'PUBLIC_PAGE', url: 'http://www.city.sapporo.jp/shimin/koseki/shomei/konbinikofu.html' };
const CITY_PAGE = { key: 'sapporo-jpki-page', kind: 'PUBLIC_PAGE', url: 'https://www.city.sapporo.jp/shimin/koseki/card/jpki.html' };
const OUR_POLICY = { key: 'api-policy', kind: 'OUR_POLICY', url: null };
const AGE_ACT = { key: 'age-calculation-act', kind: 'PUBLIC_PAGE', url: 'https://laws.e-gov.go.jp/law/135AC0000000050' };

async function eligibility(input: Record<string, unknown>) {
  const response = await app.graphql(ELIGIBILITY, { input });
  return { ...response, result: response.body.data?.convenienceStoreEligibility };
}

describe('convenienceStoreService', () => {
  it('serves the five documents in the source\'s order, the rules and the notices, with the page\'s URL', async () => {
    const { body } = await app.graphql(`{
      convenienceStoreService {
        id name { ja jaKind } minimumAge certificateKind hours { ja }
        documents { kind name { ja } requiresResidence requiresDomicile }
        conditions { ja } notices { ja }
        source { key kind url }
      }
    }`);
    expect(body.errors).toBeUndefined();
    const service = body.data.convenienceStoreService;
    expect(service).toMatchObject({
      name: { ja: '証明書のコンビニ交付サービス', jaKind: 'VERBATIM' },
      minimumAge: 15,
      certificateKind: 'USER_AUTHENTICATION',
      hours: null,
      source: { key: 'sapporo-konbini-kofu-page', kind: 'PUBLIC_PAGE', url: 'http://www.city.sapporo.jp/shimin/koseki/shomei/konbinikofu.html' },
    });
    expect(service.documents).toEqual([
      { kind: 'RESIDENCE_CERTIFICATE', name: { ja: '住民票の写し' }, requiresResidence: true, requiresDomicile: false },
      { kind: 'SEAL_REGISTRATION_CERTIFICATE', name: { ja: '印鑑登録証明書' }, requiresResidence: true, requiresDomicile: false },
      { kind: 'FAMILY_REGISTER_ATTACHMENT', name: { ja: '戸籍の附票の写し' }, requiresResidence: false, requiresDomicile: true },
      { kind: 'FAMILY_REGISTER_ALL', name: { ja: '戸籍全部事項証明(戸籍謄本)' }, requiresResidence: false, requiresDomicile: true },
      { kind: 'FAMILY_REGISTER_INDIVIDUAL', name: { ja: '戸籍個人事項証明(戸籍抄本)' }, requiresResidence: false, requiresDomicile: true },
    ]);
    const conditions = service.conditions.map((c: { ja: string }) => c.ja);
    expect(conditions).toContain('札幌市に住民登録がある15歳以上の方');
    expect(conditions).toContain('利用者証明用電子証明書の暗証番号の照合ができる方');
    const notices = service.notices.map((n: { ja: string }) => n.ja).join('\n');
    expect(notices).toContain('2025年12月24日(水)をもって終了');
    expect(notices).toContain('2025年12月25日以降');
    expect(notices).toContain('「ご利用いただけないカードです。市区町村へお問い合わせください。」');
    const { body: again } = await app.graphql('query ($id: ID!) { node(id: $id) { ... on ConvenienceStoreService { minimumAge } } }', { id: service.id });
    expect(again.data.node).toEqual({ minimumAge: 15 });
  });
});

describe('convenienceStoreEligibility', () => {
  it('a resident of Sapporo with 本籍 elsewhere is eligible for the resident group', async () => {
    const { body, result } = await eligibility({ birthDate: '1990-10-10', userAuthenticationExpiresOn: '2028-10-10', asOf: '2026-11-25' });
    expect(body.errors).toBeUndefined();
    expect(result).toMatchObject({ asOf: '2026-11-25', eligible: true, refusals: [], domicileUseRegistrationRequired: false, remedies: [] });
    expect(result.documents.map((d: { eligible: boolean }) => d.eligible)).toEqual([true, true, false, false, false]);
    expect(result.documents[2]).toEqual({ kind: 'FAMILY_REGISTER_ATTACHMENT', eligible: false, refusals: ['NOT_DOMICILED'], document: { name: { ja: '戸籍の附票の写し' } } });
  });

  it('names every refusal, and the procedures that cure them with the offices to go to', async () => {
    const { result } = await eligibility({
      birthDate: '1990-10-10',
      userAuthenticationExpiresOn: '2026-11-24',
      pinLocked: true,
      domicileInSapporo: true,
      asOf: '2026-11-25',
    });
    expect(result).toMatchObject({ eligible: false, refusals: ['CERTIFICATE_EXPIRED', 'PIN_LOCKED'] });
    expect(result.remedies).toEqual([
      { kind: 'RENEWAL', name: { ja: '電子証明書の更新' }, offices: [{ key: 'kita-ward-office' }, { key: 'my-number-card-center' }] },
      { kind: 'PIN_RESET', name: { ja: '暗証番号の初期化・再設定' }, offices: [{ key: 'kita-ward-office' }, { key: 'my-number-card-center' }] },
    ]);
  });

  it('is valid through the expiry day and judges age on 1 March for a 29 February birth, as of today in Tokyo by default', async () => {
    const { result } = await eligibility({ birthDate: '2012-02-29', userAuthenticationExpiresOn: '2026-11-25' });
    expect(result).toMatchObject({ asOf: '2026-11-25', eligible: false, refusals: ['UNDER_MINIMUM_AGE', 'NOT_DOMICILED'] });
    const fifteen = await eligibility({ birthDate: '2012-02-29', userAuthenticationExpiresOn: '2027-03-01', asOf: '2027-03-01' });
    expect(fifteen.result.eligible).toBe(true);
    const fourteen = await eligibility({ birthDate: '2012-02-29', userAuthenticationExpiresOn: '2027-03-01', asOf: '2027-02-28' });
    expect(fourteen.result.refusals).toContain('UNDER_MINIMUM_AGE');
  });

  it('names the one-time use registration for 本籍 in Sapporo, living elsewhere', async () => {
    const { result } = await eligibility({ birthDate: '1990-10-10', userAuthenticationExpiresOn: '2028-10-10', residentOfSapporo: false, domicileInSapporo: true });
    expect(result).toMatchObject({ eligible: true, domicileUseRegistrationRequired: true });
    expect(result.documents.map((d: { eligible: boolean }) => d.eligible)).toEqual([false, false, true, true, true]);
  });

  it.each([
    [{ birthDate: '2027-01-01', userAuthenticationExpiresOn: '2030-01-01', asOf: '2026-11-25' }, 'input.birthDate'],
    [{ birthDate: '1990-10-10', userAuthenticationExpiresOn: '2201-01-01' }, 'input.userAuthenticationExpiresOn'],
  ])('refuses %j with BAD_USER_INPUT naming %s', async (input, field) => {
    const response = await eligibility(input);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.extensions?.field).toBe(field);
  });
});

// Expected answers from the convenience-store page (利用できる方, ※1, ※2) and the city's page (renewal
// cures an expired certificate, re-initialising cures a locked PIN); no procedure gives an age, ends a
// guardianship, or moves a 住民登録 or 本籍.
describe('remedies, what stays after them, and the steps before use', () => {
  it.each<[string, Record<string, unknown>, object]>([
    [
      'expired and under guardianship: renewal cures the expiry, 成年被後見人を除く still refuses',
      { birthDate: '1950-01-01', asOf: '2026-06-01', userAuthenticationExpiresOn: '2026-05-31', underGuardianship: true },
      { eligible: false, refusals: ['UNDER_GUARDIANSHIP', 'CERTIFICATE_EXPIRED', 'NOT_DOMICILED'], remedies: [{ kind: 'RENEWAL' }], eligibleAfterRemedies: false, remainingRefusals: ['UNDER_GUARDIANSHIP', 'NOT_DOMICILED'] },
    ],
    [
      'under 15 with a locked PIN: re-initialising is not enough',
      { birthDate: '2015-01-01', userAuthenticationExpiresOn: '2028-01-01', pinLocked: true, domicileInSapporo: true },
      { eligible: false, refusals: ['UNDER_MINIMUM_AGE', 'PIN_LOCKED'], remedies: [{ kind: 'PIN_RESET' }], eligibleAfterRemedies: false, remainingRefusals: ['UNDER_MINIMUM_AGE'] },
    ],
    [
      'expired, neither resident nor domiciled: renewal is not enough',
      { birthDate: '1980-10-10', userAuthenticationExpiresOn: '2026-11-24', residentOfSapporo: false },
      { eligible: false, refusals: ['CERTIFICATE_EXPIRED', 'NOT_RESIDENT', 'NOT_DOMICILED'], remedies: [{ kind: 'RENEWAL' }], eligibleAfterRemedies: false, remainingRefusals: ['NOT_RESIDENT', 'NOT_DOMICILED'] },
    ],
    [
      'expired and locked, resident: both remedies are enough',
      { birthDate: '1980-10-10', userAuthenticationExpiresOn: '2026-11-24', pinLocked: true },
      { eligible: false, refusals: ['CERTIFICATE_EXPIRED', 'PIN_LOCKED', 'NOT_DOMICILED'], remedies: [{ kind: 'RENEWAL' }, { kind: 'PIN_RESET' }], eligibleAfterRemedies: true, remainingRefusals: [] },
    ],
    [
      'eligible: nothing to cure, nothing remains',
      { birthDate: '1980-10-10', userAuthenticationExpiresOn: '2028-10-10', domicileInSapporo: true },
      { eligible: true, refusals: [], remedies: [], eligibleAfterRemedies: true, remainingRefusals: [], stepsBeforeUse: [] },
    ],
  ])('%s', async (_case, input, expected) => {
    expect(await outlook(input)).toMatchObject(expected);
  });

  it('names the use registration (※2) on the answer and on each domicile-group document, and keeps eligible', async () => {
    const result = await outlook({ birthDate: '1980-10-10', userAuthenticationExpiresOn: '2028-10-10', residentOfSapporo: false, domicileInSapporo: true });
    expect(result).toMatchObject({ eligible: true, refusals: [], stepsBeforeUse: ['USE_REGISTRATION'], domicileUseRegistrationRequired: true, eligibleAfterRemedies: true });
    expect(result.documents.map((d: { kind: string; stepsBeforeUse: string[]; remainingRefusals: string[] }) => [d.kind, d.stepsBeforeUse, d.remainingRefusals])).toEqual([
      ['RESIDENCE_CERTIFICATE', [], ['NOT_RESIDENT']],
      ['SEAL_REGISTRATION_CERTIFICATE', [], ['NOT_RESIDENT']],
      ['FAMILY_REGISTER_ATTACHMENT', ['USE_REGISTRATION'], []],
      ['FAMILY_REGISTER_ALL', ['USE_REGISTRATION'], []],
      ['FAMILY_REGISTER_INDIVIDUAL', ['USE_REGISTRATION'], []],
    ]);
  });

  it.each<[string, Record<string, unknown>, object[]]>([
    ['a plain check: the conditions (the convenience-store page) and the expiry (the city\'s page)', { birthDate: '1980-10-10', userAuthenticationExpiresOn: '2028-10-10' }, [CONVENIENCE_STORE_PAGE, CITY_PAGE]],
    ['born 29 February: our birthday policy (named by its note), then the age rule\'s law last', { birthDate: '2008-02-29', userAuthenticationExpiresOn: '2028-10-10' }, [CONVENIENCE_STORE_PAGE, CITY_PAGE, OUR_POLICY, AGE_ACT]],
    ['a remedy and a step: the pages that state them, each once', { birthDate: '1980-10-10', userAuthenticationExpiresOn: '2026-11-24', residentOfSapporo: false, domicileInSapporo: true }, [CONVENIENCE_STORE_PAGE, CITY_PAGE]],
  ])('names the sources of the rules it applied: %s', async (_case, input, sources) => {
    expect((await outlook(input)).sources).toEqual(sources);
  });

  it('takes an explicit null for a defaulted input field as its default', async () => {
    const base = { birthDate: '1980-10-10', userAuthenticationExpiresOn: '2028-10-10' };
    const nulls = await outlook({ ...base, residentOfSapporo: null, domicileInSapporo: null, pinLocked: null, underGuardianship: null });
    expect(nulls).toEqual(await outlook(base));
    const { body } = await app.graphql('{ __type(name: "ConvenienceStoreEligibilityInput") { inputFields { name defaultValue } } }');
    const defaults = Object.fromEntries(
      body.data.__type.inputFields.filter((field: { defaultValue: string | null }) => field.defaultValue !== null).map((field: { name: string; defaultValue: string }) => [field.name, field.defaultValue]),
    );
    expect(defaults).toEqual({ residentOfSapporo: 'true', domicileInSapporo: 'false', pinLocked: 'false', underGuardianship: 'false' });
  });
});

describe('personal data', () => {
  it('marks both input types that carry a birth date as personal data', () => {
    for (const name of ['CertificateValidityInput', 'ConvenienceStoreEligibilityInput']) {
      expect(schema.getType(name)?.extensions, name).toMatchObject({ personalData: true });
    }
  });

  it('answers an eligibility check with no-store and no ETag, even over GET', async () => {
    const query = '{ convenienceStoreEligibility(input: { birthDate: "1980-10-10", userAuthenticationExpiresOn: "2030-01-01", asOf: "2026-11-25" }) { eligible } }';
    const response = await app.request({ url: `/graphql?query=${encodeURIComponent(query)}`, headers: { 'x-graphql-csrf': '1' } });
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers.etag).toBeUndefined();
  });
});
