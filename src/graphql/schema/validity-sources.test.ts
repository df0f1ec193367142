import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/app.ts';

// Expected answers from the pages docs/domain-rules.md lists: the city's page states the 5th birthday,
// the window and the fee; the Higashimurayama FAQ the legal wording (発行の日後, the 6th birthday), as
// Akita Prefecture's page does; Nerima City the window's first day when the date does not exist;
// Edogawa City that an application before the window is one year shorter; the Act on the Calculation
// of Age that a 29 February birth reaches an age on 1 March; the 28 February birthday is our policy.
const app = createTestApp({ clock: () => new Date('2026-11-25T03:00:00Z') });

const CITY = 'sapporo-jpki-page';
const HIGASHIMURAYAMA = 'higashimurayama-validity-faq';
const AKITA = 'akita-renewal-page';
const NERIMA = 'nerima-renewal-page';
const EDOGAWA = 'edogawa-renewal-page';
const AGE_ACT = 'age-calculation-act';
const POLICY = 'api-policy';

const VALIDITY = `
  query ($input: CertificateValidityInput!) {
    certificateValidity(input: $input) {
      noteCodes notes { ja en } noteDetails { code source { key } }
      sources { key kind url }
      userAuthentication { expiresOn issuable sources { key } renewal { opensOn noteCodes sources { key } } }
      signature { expiresOn issuable sources { key } }
    }
  }`;

async function validity(input: Record<string, unknown>) {
  const response = await app.graphql(VALIDITY, { input: { asOf: '2026-11-25', ...input } });
  expect(response.body.errors).toBeUndefined();
  return response.body.data.certificateValidity;
}

const keys = (sources: { key: string }[]) => sources.map((source) => source.key);

describe('the sources of a validity answer are those of the rules it applied', () => {
  it.each<[string, Record<string, unknown>, string[], string[]]>([
    ['a plain first issue: the city\'s page and the legal wording (発行の日後)', { birthDate: '1980-10-10', issuedOn: '2020-05-15' }, [CITY, HIGASHIMURAYAMA], [CITY, HIGASHIMURAYAMA]],
    [
      'a renewal inside the window: the 6th birthday, from the FAQ and Akita Prefecture',
      // asOf 2025-01-01: the new certificates' windows are not open yet, so their note on applying
      // early (Edogawa City) is part of the answer, and its source with it.
      { birthDate: '1980-10-10', issuedOn: '2024-09-01', previousUserAuthenticationExpiresOn: '2024-10-10', previousSignatureExpiresOn: '2024-10-10', asOf: '2025-01-01' },
      [HIGASHIMURAYAMA, AKITA, EDOGAWA, CITY],
      [HIGASHIMURAYAMA, AKITA, EDOGAWA, CITY],
    ],
    [
      'applied before the window: Edogawa City',
      { birthDate: '1985-04-10', issuedOn: '2020-01-10', previousExpiresOn: '2020-04-10' },
      [CITY, HIGASHIMURAYAMA, EDOGAWA],
      [CITY, HIGASHIMURAYAMA, EDOGAWA],
    ],
    ['born 29 February: our policy for the birthday, the law for the age', { birthDate: '2000-02-29', issuedOn: '2021-06-01' }, [CITY, HIGASHIMURAYAMA, POLICY], [CITY, HIGASHIMURAYAMA, POLICY, AGE_ACT]],
  ])('%s', async (_case, input, userAuthentication, whole) => {
    const result = await validity(input);
    expect(keys(result.userAuthentication.sources)).toEqual(userAuthentication);
    expect(keys(result.sources)).toEqual(whole);
    for (const source of result.sources) expect(source.kind === 'OUR_POLICY' ? source.url === null : source.url?.startsWith('http')).toBe(true);
  });

  it('credits the 6th birthday of the certificate type to the FAQ and Akita Prefecture, not the city', async () => {
    const { body } = await app.graphql('{ certificateType(kind: SIGNATURE) { renewalValidityBirthdays renewalValiditySources { key url } source { key } } }');
    expect(body.data.certificateType).toEqual({
      renewalValidityBirthdays: 6,
      renewalValiditySources: [
        { key: HIGASHIMURAYAMA, url: 'https://www.city.higashimurayama.tokyo.jp/faq/kurashi/koseki/juki/jnet_q_005.html' },
        { key: AKITA, url: 'http://www.pref.akita.lg.jp/pages/archive/1926' },
      ],
      source: { key: CITY },
    });
  });
});

describe('29 February: the note says which rule is which', () => {
  it('born 2008-02-29, issued 2023-02-28: refused as 14 (age on 1 March, the law) while the birthday is counted on 28 February (our policy)', async () => {
    const result = await validity({ birthDate: '2008-02-29', issuedOn: '2023-02-28', asOf: '2023-03-01' });
    expect(result.signature.issuable).toBe(false);
    expect(result.userAuthentication.expiresOn).toBe('2028-02-29');
    expect(result.noteCodes).toEqual(['LEAP_DAY_BIRTHDAY_ASSUMED', 'SIGNATURE_NOT_ISSUED_UNDER_MINIMUM_AGE']);
    const [leapDay] = result.notes;
    expect(leapDay.ja).toContain('2月28日');
    expect(leapDay.ja).toContain('本APIの方針');
    expect(leapDay.ja).toContain('年齢計算ニ関スル法律');
    expect(leapDay.ja).toContain('3月1日');
    expect(leapDay.en).toContain('policy of this API');
    expect(leapDay.en).toContain('1 March');
    expect(keys(result.signature.sources)).toEqual([CITY, AGE_ACT]);
  });
});

describe('the window\'s first day when the date does not exist (Nerima City)', () => {
  it.each<[string, string, string[], string[]]>([
    ['2023-05-28', '2023-03-01', ['RENEWAL_WINDOW_OPENS_ON_FIRST_OF_NEXT_MONTH'], [CITY, NERIMA]],
    ['2024-12-30', '2024-10-01', ['RENEWAL_WINDOW_OPENS_ON_FIRST_OF_NEXT_MONTH'], [CITY, NERIMA]],
    ['2023-07-07', '2023-04-08', [], [CITY]],
    ['2024-05-28', '2024-02-29', [], [CITY]],
  ])('expiring %s opens on %s, with notes %j and sources %j', async (expiresOn, opensOn, noteCodes, sources) => {
    const { body } = await app.graphql(
      // As of the expiry day, inside the window: the note of a window not yet open stays out.
      'query ($e: Date!) { renewalWindow(expiresOn: $e, asOf: $e) { opensOn noteCodes notes { ja } noteDetails { source { key url } } sources { key } } }',
      { e: expiresOn },
    );
    const window = body.data.renewalWindow;
    expect(window).toMatchObject({ opensOn, noteCodes });
    expect(keys(window.sources)).toEqual(sources);
    if (noteCodes.length > 0) {
      expect(window.notes[0].ja).toContain('翌月の1日');
      expect(window.noteDetails[0].source).toEqual({ key: NERIMA, url: 'https://www.city.nerima.tokyo.jp/kurashi/mynumber/mynumber_card/koshin/denshishomei.html' });
    }
  });

  it('notes it on a validity answer whose new window opens so', async () => {
    // Born 30 May: expires 2024-05-30; the day after, 31 May, has no 31 February: the window opens on 1 March.
    const result = await validity({ birthDate: '1980-05-30', issuedOn: '2019-06-01' });
    // Expired by asOf (2026-11-25): the window says so too.
    expect(result.userAuthentication.renewal).toMatchObject({ opensOn: '2024-03-01', noteCodes: ['RENEWAL_WINDOW_OPENS_ON_FIRST_OF_NEXT_MONTH', 'EXPIRED_STILL_RENEWABLE'] });
    expect(result.noteCodes).toEqual(['RENEWAL_WINDOW_OPENS_ON_FIRST_OF_NEXT_MONTH']);
    expect(keys(result.userAuthentication.renewal.sources)).toEqual([CITY, NERIMA]);
  });
});

describe('an application before the window (Edogawa City)', () => {
  it('says the certificate is one year shorter than a renewal inside the window, and from which day the window opened', async () => {
    const before = await validity({ birthDate: '1985-04-10', issuedOn: '2020-01-10', previousExpiresOn: '2020-04-10' });
    const inside = await validity({ birthDate: '1985-04-10', issuedOn: '2020-01-11', previousExpiresOn: '2020-04-10' });
    expect([before.userAuthentication.expiresOn, inside.userAuthentication.expiresOn]).toEqual(['2024-04-10', '2025-04-10']);
    expect(before.noteCodes).toEqual(['ISSUED_OUTSIDE_RENEWAL_WINDOW', 'APPLIED_BEFORE_RENEWAL_WINDOW']);
    const note = before.notes[1];
    expect(note.ja).toContain('2020年1月11日から');
    expect(note.ja).toContain('1年短く');
    expect(note.en).toContain('from 2020-01-11');
    expect(note.en).toContain('one year shorter');
    expect(before.noteDetails[1].source).toEqual({ key: EDOGAWA });
  });

  it('dates each certificate\'s note with its own predecessor\'s window', async () => {
    const result = await validity({
      birthDate: '1980-10-10',
      issuedOn: '2024-06-01',
      previousUserAuthenticationExpiresOn: '2025-01-31',
      previousSignatureExpiresOn: '2024-10-10',
    });
    expect(result.noteCodes).toEqual([
      'USER_AUTHENTICATION_ISSUED_OUTSIDE_RENEWAL_WINDOW',
      'USER_AUTHENTICATION_APPLIED_BEFORE_RENEWAL_WINDOW',
      'SIGNATURE_ISSUED_OUTSIDE_RENEWAL_WINDOW',
      'SIGNATURE_APPLIED_BEFORE_RENEWAL_WINDOW',
    ]);
    expect(result.notes[1].en).toContain('from 2024-11-01');
    expect(result.notes[3].en).toContain('from 2024-07-11');
  });
});
