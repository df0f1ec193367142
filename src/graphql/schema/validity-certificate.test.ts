import { describe, expect, it } from 'vitest';
import { createTestApp, errorCodes } from '../../../test/support/app.ts';

const now = new Date('2026-11-24T14:59:59Z');
const app = createTestApp({ clock: () => now });

// The FAQ's address, as docs/domain-rules.md lists the pages.
const HIGASHIMURAYAMA = 'https://www.city.higashimurayama.tokyo.jp/faq/kurashi/koseki/juki/jnet_q_005.html';

const VALIDITY = `
  query ($input: CertificateValidityInput!) {
    certificateValidity(input: $input) {
      asOf asOfWareki noteCodes notes { ja en }
      userAuthentication { certificateType { kind } issuable expiresOn expiresOnWareki birthdayCount status renewal { expiresOn opensOn phase fee } }
      signature { certificateType { kind } issuable expiresOn birthdayCount status renewal { expiresOn opensOn phase fee } }
    }
  }`;

async function validity(input: Record<string, unknown>) {
  const response = await app.graphql(VALIDITY, { input });
  return { ...response, result: response.body.data?.certificateValidity };
}

describe('certificateValidity', () => {
  it('counts birthdays strictly after the issue date (docs/domain-rules.md §2 examples)', async () => {
    const before = await validity({ birthDate: '1980-10-10', issuedOn: '2020-05-15', asOf: '2024-08-01' });
    expect(before.body.errors).toBeUndefined();
    expect(before.result.userAuthentication).toEqual({
      certificateType: { kind: 'USER_AUTHENTICATION' },
      issuable: true,
      expiresOn: '2024-10-10',
      expiresOnWareki: '令和6年10月10日',
      birthdayCount: 5,
      status: 'RENEWABLE',
      renewal: { expiresOn: '2024-10-10', opensOn: '2024-07-11', phase: 'OPEN', fee: 0 },
    });
    expect(before.result.signature).toMatchObject({ issuable: true, expiresOn: '2024-10-10', status: 'RENEWABLE' });
    const onBirthday = await validity({ birthDate: '1980-10-10', issuedOn: '2020-10-10', asOf: '2021-01-01' });
    expect(onBirthday.result.userAuthentication).toMatchObject({ expiresOn: '2025-10-10', status: 'VALID' });
  });

  it('gives the 6th birthday to a renewal inside the window, the 5th after expiry', async () => {
    // Renewed on 1 September, before the 10 October birthday: the 6th birthday after is 2029-10-10,
    // exactly 5 years after the previous expiry, so the renewer loses nothing.
    const inside = await validity({ birthDate: '1980-10-10', issuedOn: '2024-09-01', previousExpiresOn: '2024-10-10', asOf: '2024-09-01' });
    expect(inside.result.userAuthentication).toMatchObject({ expiresOn: '2029-10-10', birthdayCount: 6 });
    expect(inside.result.noteCodes).toEqual(['RENEWED_INSIDE_WINDOW']);
    const onExpiryDay = await validity({ birthDate: '1980-10-10', issuedOn: '2024-10-10', previousExpiresOn: '2024-10-10', asOf: '2024-10-10' });
    expect(onExpiryDay.result.userAuthentication).toMatchObject({ expiresOn: '2030-10-10', birthdayCount: 6 });
    const after = await validity({ birthDate: '1980-10-10', issuedOn: '2024-10-11', previousExpiresOn: '2024-10-10', asOf: '2024-10-11' });
    expect(after.result.userAuthentication).toMatchObject({ expiresOn: '2029-10-10', birthdayCount: 5 });
    expect(after.result.noteCodes).toEqual(['ISSUED_OUTSIDE_RENEWAL_WINDOW']);
  });

  // The law asks whether the renewal was applied for while fewer than 3 months remained, and the
  // window itself has no end (docs/domain-rules.md §2–3, §9), so "outside the window" is false after
  // expiry.
  it.each([
    // The window opened on 2025-03-16; the 5th birthday after 2025-04-01 is 2029-06-15.
    ['applied before the window, issued inside it', '2029-06-15', { birthDate: '1980-06-15', issuedOn: '2025-04-01', appliedOn: '2025-03-10', previousExpiresOn: '2025-06-15', asOf: '2025-04-01' }],
    ['applied after expiry', '2030-06-15', { birthDate: '1980-06-15', issuedOn: '2025-06-16', previousExpiresOn: '2025-06-15', asOf: '2025-06-16' }],
    ['applied after expiry, per certificate', '2030-06-15', { birthDate: '1980-06-15', issuedOn: '2025-06-16', previousUserAuthenticationExpiresOn: '2025-06-15', previousSignatureExpiresOn: '2025-06-15', asOf: '2025-06-16' }],
  ])('a 5th-birthday renewal %s (expiry %s): the note says it was not applied for in the last 3 months, not that it was issued outside the window', async (_case, expiresOn, input) => {
    const { result, body } = await validity(input);
    expect(body.errors).toBeUndefined();
    expect(result.userAuthentication).toMatchObject({ expiresOn, birthdayCount: 5 });
    const notes = result.noteCodes.map((code: string, i: number) => ({ code, ...result.notes[i] })).filter((note: { code: string }) => note.code.endsWith('ISSUED_OUTSIDE_RENEWAL_WINDOW'));
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) {
      expect(note.ja).toMatch(/3か月未満となっている間.*に申請されなかった/);
      expect(note.ja).not.toMatch(/更新可能期間外|発行された/);
      expect(note.en).toMatch(/not applied for while fewer than 3 months remained/);
      expect(note.en).not.toMatch(/outside/i);
    }
  });

  it('caps by the card, and the signature by the user-authentication certificate', async () => {
    const { result } = await validity({ birthDate: '1980-10-10', issuedOn: '2020-05-15', cardExpiresOn: '2023-01-31', asOf: '2021-01-01' });
    expect(result.userAuthentication).toMatchObject({ expiresOn: '2023-01-31', renewal: { opensOn: '2022-11-01' } });
    expect(result.signature).toMatchObject({ expiresOn: '2023-01-31' });
    expect(result.noteCodes).toContain('CAPPED_BY_CARD_EXPIRY');
  });

  it('issues no signature certificate under 15 or under guardianship', async () => {
    const child = await validity({ birthDate: '2010-06-01', issuedOn: '2025-05-31', asOf: '2025-06-01' });
    expect(child.result.signature).toEqual({
      certificateType: { kind: 'SIGNATURE' },
      issuable: false,
      expiresOn: null,
      birthdayCount: null,
      status: 'NOT_ISSUABLE',
      renewal: null,
    });
    expect(child.result.userAuthentication.issuable).toBe(true);
    expect(child.result.noteCodes).toEqual(['SIGNATURE_NOT_ISSUED_UNDER_MINIMUM_AGE']);
    const fifteen = await validity({ birthDate: '2010-06-01', issuedOn: '2025-06-01', asOf: '2025-06-01' });
    expect(fifteen.result.signature.issuable).toBe(true);
    const guardianship = await validity({ birthDate: '1950-01-01', issuedOn: '2025-06-01', underGuardianship: true, asOf: '2025-06-01' });
    expect(guardianship.result.signature.status).toBe('NOT_ISSUABLE');
    expect(guardianship.result.noteCodes).toEqual(['SIGNATURE_NOT_ISSUED_UNDER_GUARDIANSHIP']);
  });

  it('says when the 29 February policy was applied, and that the printed date prevails', async () => {
    const { result } = await validity({ birthDate: '2000-02-29', issuedOn: '2020-05-15', asOf: '2021-01-01' });
    expect(result.userAuthentication.expiresOn).toBe('2025-02-28');
    expect(result.noteCodes).toEqual(['LEAP_DAY_BIRTHDAY_ASSUMED']);
    expect(result.notes[0].ja).toContain('2月28日');
    expect(result.notes[0].en).toContain('prevails');
    // Someone born 29 February turns 15 on 1 March in a common year.
    const day = await validity({ birthDate: '2008-02-29', issuedOn: '2023-02-28', asOf: '2023-03-01' });
    expect(day.result.signature.issuable).toBe(false);
    const next = await validity({ birthDate: '2008-02-29', issuedOn: '2023-03-01', asOf: '2023-03-01' });
    expect(next.result.signature.issuable).toBe(true);
  });

  it('walks the statuses as asOf moves', async () => {
    const input = { birthDate: '1980-10-10', issuedOn: '2020-05-15' };
    const at = async (asOf: string) => (await validity({ ...input, asOf })).result.userAuthentication.status;
    expect(await at('2020-05-14')).toBe('NOT_YET_ISSUED');
    expect(await at('2020-05-15')).toBe('VALID');
    expect(await at('2024-07-10')).toBe('VALID');
    expect(await at('2024-07-11')).toBe('RENEWABLE');
    expect(await at('2024-10-10')).toBe('RENEWABLE');
    expect(await at('2024-10-11')).toBe('EXPIRED');
  });

  it.each([
    [{ birthDate: '2020-01-02', issuedOn: '2020-01-01' }, 'input.birthDate'],
    [{ birthDate: '1980-01-01', issuedOn: '2020-01-01', cardExpiresOn: '2019-12-31' }, 'input.cardExpiresOn'],
    [{ birthDate: '1899-12-31', issuedOn: '2020-01-01' }, 'input.birthDate'],
    [{ birthDate: '1980-01-01', issuedOn: '2201-01-01' }, 'input.issuedOn'],
    [{ birthDate: '1980-01-01', issuedOn: '2020-01-01', asOf: '0999-01-01' }, 'input.asOf'],
  ])('rejects nonsense %j with BAD_USER_INPUT naming %s', async (input, field) => {
    const response = await validity(input);
    expect(response.status).toBe(200);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.extensions?.field).toBe(field);
    expect(response.body.errors?.[0]?.message).toContain(field.replace('input.', ''));
  });

  it.each(['2023-02-30', '2023-2-3', '20230203', '2023-02-03T00:00', '', '２０２３-０２-０３', '2023-13-01'])(
    'rejects the date %j with BAD_USER_INPUT, as a variable and as a literal',
    async (date) => {
      const variable = await validity({ birthDate: date, issuedOn: '2020-01-01' });
      expect(variable.status).toBe(400);
      expect(errorCodes(variable)).toEqual(['BAD_USER_INPUT']);
      const literal = await app.graphql(`{ renewalWindow(expiresOn: ${JSON.stringify(date)}) { opensOn } }`);
      expect(literal.status).toBe(400);
      expect(errorCodes(literal)).toEqual(['BAD_USER_INPUT']);
    },
  );

  it('rejects a non-string date literal with BAD_USER_INPUT', async () => {
    const response = await app.graphql('{ renewalWindow(expiresOn: 20230203) { opensOn } }');
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('certificateValidities (batch)', () => {
  it('answers each input in order; an invalid one is null with its own error', async () => {
    const inputs = Array.from({ length: 1000 }, (_, i) => ({ birthDate: `19${String(10 + (i % 90)).padStart(2, '0')}-01-15`, issuedOn: '2020-05-15', asOf: '2021-01-01' }));
    inputs[7] = { birthDate: '2021-01-01', issuedOn: '2020-05-15', asOf: '2021-01-01' };
    const response = await app.graphql('query ($inputs: [CertificateValidityInput!]!) { certificateValidities(inputs: $inputs) { userAuthentication { expiresOn } } }', { inputs });
    const results = response.body.data.certificateValidities;
    expect(results).toHaveLength(1000);
    expect(results[0]).toEqual({ userAuthentication: { expiresOn: '2025-01-15' } });
    expect(results[7]).toBeNull();
    expect(response.body.errors).toEqual([
      expect.objectContaining({ path: ['certificateValidities', 7], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'inputs.7.birthDate' }) }),
    ]);
  });

  it('refuses more than 1000 inputs with a code, before execution', async () => {
    const inputs = Array.from({ length: 1001 }, () => ({ birthDate: '1980-01-01', issuedOn: '2020-01-01' }));
    const response = await app.graphql('query ($inputs: [CertificateValidityInput!]!) { certificateValidities(inputs: $inputs) { asOf } }', { inputs });
    expect(response.status).toBe(400);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.data).toBeUndefined();
  });
});

describe('certificateValidity per certificate (docs/domain-rules.md §9)', () => {
  it('born 2007-09-01, user authentication renewed 2024-08-01 inside its window, no previous signature: 2029-09-01 and 2028-09-01', async () => {
    const { body, result } = await validity({
      birthDate: '2007-09-01',
      issuedOn: '2024-08-01',
      previousUserAuthenticationExpiresOn: '2024-09-01',
      asOf: '2024-08-01',
    });
    expect(body.errors).toBeUndefined();
    expect(result.userAuthentication).toMatchObject({ expiresOn: '2029-09-01', birthdayCount: 6 });
    expect(result.signature).toMatchObject({ expiresOn: '2028-09-01', birthdayCount: 5 });
    expect(result.noteCodes).toEqual(['USER_AUTHENTICATION_RENEWED_INSIDE_WINDOW', 'SIGNATURE_FIRST_ISSUE']);
  });

  it('the application day decides the window: capped at 2025-08-31, applied 2025-08-01, issued 2025-09-05 → 2030-10-10', async () => {
    const input = { birthDate: '1980-10-10', issuedOn: '2025-09-05', appliedOn: '2025-08-01', asOf: '2025-09-05' };
    for (const previous of [
      { previousExpiresOn: '2025-08-31' },
      { previousUserAuthenticationExpiresOn: '2025-08-31', previousSignatureExpiresOn: '2025-08-31' },
    ]) {
      const { body, result } = await validity({ ...input, ...previous });
      expect(body.errors).toBeUndefined();
      expect(result.userAuthentication).toMatchObject({ expiresOn: '2030-10-10', birthdayCount: 6 });
      expect(result.signature).toMatchObject({ expiresOn: '2030-10-10', birthdayCount: 6 });
      expect(result.noteCodes[0]).toBe('WINDOW_JUDGED_ON_APPLICATION_DATE');
    }
    const byIssueDay = await validity({ ...input, appliedOn: undefined, previousExpiresOn: '2025-08-31' });
    expect(byIssueDay.result.userAuthentication).toMatchObject({ expiresOn: '2029-10-10', birthdayCount: 5 });
  });

  it('refuses previous certificates named both ways with BAD_USER_INPUT naming previousExpiresOn', async () => {
    const response = await validity({ birthDate: '1980-10-10', issuedOn: '2024-09-01', previousExpiresOn: '2024-10-10', previousSignatureExpiresOn: '2024-10-10' });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.body.errors?.[0]?.extensions?.field).toBe('input.previousExpiresOn');
  });

  // The partners' contract keeps the one-date form ("meaning both"): current, with no removal date.
  it('keeps previousExpiresOn current: no input field of the validity input is deprecated', async () => {
    const { body } = await app.graphql('{ __type(name: "CertificateValidityInput") { inputFields(includeDeprecated: true) { name isDeprecated } } }');
    const fields = body.data.__type.inputFields as { name: string; isDeprecated: boolean }[];
    expect(fields.map((field) => field.name)).toContain('previousExpiresOn');
    expect(fields.filter((field) => field.isDeprecated)).toEqual([]);
  });

  it('names the source of each note: our policy for 29 February, the legal rule for the window', async () => {
    const { body } = await app.graphql(`{
      certificateValidity(input: { birthDate: "2004-02-29", issuedOn: "2024-01-15", previousUserAuthenticationExpiresOn: "2024-02-29", asOf: "2024-01-15" }) {
        noteDetails { code text { jaKind } source { key kind url } }
      }
    }`);
    expect(body.data.certificateValidity.noteDetails).toEqual([
      { code: 'LEAP_DAY_BIRTHDAY_ASSUMED', text: { jaKind: 'COMPOSED' }, source: { key: 'api-policy', kind: 'OUR_POLICY', url: null } },
      { code: 'USER_AUTHENTICATION_RENEWED_INSIDE_WINDOW', text: { jaKind: 'COMPOSED' }, source: { key: 'higashimurayama-validity-faq', kind: 'PUBLIC_PAGE', url: HIGASHIMURAYAMA } },
      { code: 'SIGNATURE_FIRST_ISSUE', text: { jaKind: 'COMPOSED' }, source: { key: 'higashimurayama-validity-faq', kind: 'PUBLIC_PAGE', url: HIGASHIMURAYAMA } },
    ]);
  });
});
