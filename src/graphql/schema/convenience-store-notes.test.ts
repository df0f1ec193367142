import { describe, expect, it } from 'vitest';
import { createLogger } from '../../observability/logger.ts';
import { createTestApp } from '../../../test/support/app.ts';
import { schema } from './schema.ts';

// The day the minimum age is reached and the 29 February note on a convenience-store answer, through the
// HTTP layer. Expected values from docs/domain-rules.md §2, §8 and §10: born 2008-02-29, 15 on 2023-03-01
// (1 March in a common year, the Act on the Calculation of Age), while the certificates' birthday that
// year is 28 February (our policy); one note names both, and the sources name both.

const lines: string[] = [];
const app = createTestApp({ clock: () => new Date('2026-11-25T03:00:00Z'), logger: createLogger('info', { write: (line: string) => void lines.push(line) }) });

const ANSWER = `
  query ($input: ConvenienceStoreEligibilityInput!) {
    convenienceStoreEligibility(input: $input) {
      eligible refusals remainingRefusals minimumAgeReachedOn
      notes { ja en jaKind } noteCodes noteDetails { code text { ja } source { key kind url } }
      sources { key kind url }
    }
  }`;

async function answer(input: Record<string, unknown>) {
  const { body } = await app.graphql(ANSWER, { input });
  expect(body.errors).toBeUndefined();
  return body.data.convenienceStoreEligibility;
}

const CONVENIENCE_STORE_PAGE = { key: 'sapporo-konbini-kofu-page', kind: 'PUBLIC_PAGE', url: 'http://www.city.sapporo.jp/shimin/koseki/shomei/konbinikofu.html' };
const CITY_PAGE = { key: 'sapporo-jpki-page', kind: 'PUBLIC_PAGE', url: 'https://www.city.sapporo.jp/shimin/koseki/card/jpki.html' };
const OUR_POLICY = { key: 'api-policy', kind: 'OUR_POLICY', url: null };
const AGE_ACT = { key: 'age-calculation-act', kind: 'PUBLIC_PAGE', url: 'https://laws.e-gov.go.jp/law/135AC0000000050' };

// The reviewer's request: born 2008-02-29, on 2023-02-28.
const LEAP_DAY_BIRTH = { birthDate: '2008-02-29', userAuthenticationExpiresOn: '2028-02-29', domicileInSapporo: true };

describe('convenienceStoreEligibility for a 29 February birth', () => {
  it('on 28 February of a common year: refused for age, reaching it on 1 March, with the note naming both rules and its sources', async () => {
    const result = await answer({ ...LEAP_DAY_BIRTH, asOf: '2023-02-28' });
    expect(result).toMatchObject({ eligible: false, refusals: ['UNDER_MINIMUM_AGE'], remainingRefusals: ['UNDER_MINIMUM_AGE'], minimumAgeReachedOn: '2023-03-01' });
    expect(result.noteCodes).toEqual(['LEAP_DAY_BIRTHDAY_ASSUMED']);
    expect(result.notes).toHaveLength(1);
    const [note] = result.notes;
    expect(note.jaKind).toBe('COMPOSED');
    for (const words of ['2月29日生まれ', '2月28日', '3月1日', '年齢計算ニ関スル法律', 'コンビニ交付']) expect(note.ja).toContain(words);
    for (const words of ['29 February', '28 February', '1 March', 'Act on the Calculation of Age', 'convenience-store issuance']) expect(note.en).toContain(words);
    expect(result.noteDetails).toEqual([{ code: 'LEAP_DAY_BIRTHDAY_ASSUMED', text: { ja: note.ja }, source: OUR_POLICY }]);
    expect(result.sources).toEqual([CONVENIENCE_STORE_PAGE, CITY_PAGE, OUR_POLICY, AGE_ACT]);
  });

  it('on 1 March of a common year: eligible, no date, the note still there', async () => {
    const result = await answer({ ...LEAP_DAY_BIRTH, asOf: '2023-03-01' });
    expect(result).toMatchObject({ eligible: true, refusals: [], minimumAgeReachedOn: null, noteCodes: ['LEAP_DAY_BIRTHDAY_ASSUMED'] });
    expect(result.sources).toEqual([CONVENIENCE_STORE_PAGE, CITY_PAGE, OUR_POLICY, AGE_ACT]);
  });

  it('carries the same note, word for word, as certificateValidity for the same birth date', async () => {
    const { body } = await app.graphql('{ certificateValidity(input: { birthDate: "2008-02-29", issuedOn: "2023-02-28", asOf: "2023-02-28" }) { notes { ja en } noteCodes } }');
    const validity = body.data.certificateValidity;
    const eligibility = await answer({ ...LEAP_DAY_BIRTH, asOf: '2023-02-28' });
    // The signature certificate is refused that day for the same age (docs/domain-rules.md §2).
    expect(validity.noteCodes).toEqual(['LEAP_DAY_BIRTHDAY_ASSUMED', 'SIGNATURE_NOT_ISSUED_UNDER_MINIMUM_AGE']);
    expect(eligibility.notes.map(({ ja, en }: { ja: string; en: string }) => ({ ja, en }))).toEqual([validity.notes[0]]);
  });
});

describe('convenienceStoreEligibility.minimumAgeReachedOn', () => {
  it.each([
    ['the day before the 15th birthday', { birthDate: '2011-11-25', asOf: '2026-11-24' }, '2026-11-25'],
    ['the 15th birthday itself', { birthDate: '2011-11-25', asOf: '2026-11-25' }, null],
    ['a 29 February birth in a leap year, before 15', { birthDate: '2012-02-29', asOf: '2024-02-29' }, '2027-03-01'],
    ['an adult', { birthDate: '1980-10-10', asOf: '2026-11-25' }, null],
  ])('%s: %s', async (_case, dates, expected) => {
    const result = await answer({ ...dates, userAuthenticationExpiresOn: '2030-01-01', domicileInSapporo: true });
    expect(result.minimumAgeReachedOn).toBe(expected);
    expect(result.refusals.includes('UNDER_MINIMUM_AGE')).toBe(expected !== null);
  });

  it('leaves the notes empty for a birth date other than 29 February', async () => {
    const result = await answer({ birthDate: '2011-11-25', asOf: '2026-11-24', userAuthenticationExpiresOn: '2030-01-01' });
    expect(result).toMatchObject({ notes: [], noteCodes: [], noteDetails: [] });
    expect(result.sources).toEqual([CONVENIENCE_STORE_PAGE, CITY_PAGE]);
  });
});

describe('minimumAgeReachedOn is personal data', () => {
  it('is marked personal in the schema', () => {
    const type = schema.getType('ConvenienceStoreEligibility');
    const field = type && 'getFields' in type ? type.getFields().minimumAgeReachedOn : undefined;
    expect(field?.extensions).toMatchObject({ personalData: true });
  });

  it('is answered with no-store and no ETag, over GET too, and neither the birth date, the day nor the operation name is logged', async () => {
    const query = 'query AgeDay { convenienceStoreEligibility(input: { birthDate: "2008-02-29", userAuthenticationExpiresOn: "2028-02-29", asOf: "2023-02-28" }) { minimumAgeReachedOn } }';
    lines.length = 0;
    const get = await app.request({ url: `/graphql?query=${encodeURIComponent(query)}`, headers: { 'x-graphql-csrf': '1' } });
    const post = await app.request({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    for (const response of [get, post]) {
      expect(response.status).toBe(200);
      expect(JSON.parse(response.text).data.convenienceStoreEligibility.minimumAgeReachedOn).toBe('2023-03-01');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers.etag).toBeUndefined();
    }
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toMatch(/2008-02-29|2023-03-01|AgeDay/);
      expect(JSON.parse(line)).toMatchObject({ operationName: null, cache: 'bypass' });
    }
  });
});
