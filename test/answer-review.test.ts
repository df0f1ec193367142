import { describe, expect, it } from 'vitest';
import { serverForTests } from './support/file-server.ts';

// Breaks a review of the computed answers against docs/domain-rules.md found (2026-12-06), each
// against a real server process. Expected values are worked out by hand from the rules:
// expiry = min(n-th birthday after issue, caps), the window opens 3 months before the day after expiry.

const GRAPHQL = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

const server = serverForTests({ NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '0' });

interface Answer<Data> {
  status: number;
  data: Data | undefined;
  errors: { message: string; extensions: Record<string, unknown> }[] | undefined;
}

async function ask<Data>(query: string): Promise<Answer<Data>> {
  const response = await fetch(server.url, { method: 'POST', headers: GRAPHQL, body: JSON.stringify({ query }) });
  return { status: response.status, ...((await response.json()) as Pick<Answer<Data>, 'data' | 'errors'>) };
}

type Keyed = { key: string }[];
const keys = (sources: Keyed) => sources.map((source) => source.key);
const EDOGAWA = 'edogawa-renewal-page';
const CITY = 'sapporo-jpki-page';

interface Window {
  phase: string;
  opensOn: string;
  noteCodes: string[];
  notes: { ja: string; en: string }[];
  sources: Keyed;
}
interface Certificate {
  status: string;
  expiresOn: string;
  birthdayCount: number;
  sources: Keyed;
  renewal: Window;
}
const CERTIFICATE = 'status expiresOn birthdayCount sources { key } renewal { phase opensOn noteCodes notes { ja en } sources { key } }';

async function validity(input: string): Promise<{ noteCodes: string[]; notes: { ja: string; en: string }[]; sources: Keyed; userAuthentication: Certificate; signature: Certificate }> {
  const answer = await ask<{ certificateValidity: never }>(`{ certificateValidity(input: { ${input} }) { noteCodes notes { ja en } sources { key } userAuthentication { ${CERTIFICATE} } signature { ${CERTIFICATE} } } }`);
  expect(answer.errors).toBeUndefined();
  return answer.data!.certificateValidity;
}

describe('the note on applying before the window opens', () => {
  it('is on a window whose certificate runs to a birthday, and its source (Edogawa City) is among the certificate\'s and the answer\'s', async () => {
    // Born 1985-04-10, issued 2020-05-15: expires 2025-04-10 (5th birthday after issue); opens 2025-01-11.
    const result = await validity('birthDate: "1985-04-10", issuedOn: "2020-05-15", asOf: "2021-01-01"');
    expect(result.userAuthentication.renewal).toMatchObject({ phase: 'NOT_YET_OPEN', opensOn: '2025-01-11', noteCodes: ['RENEWAL_WINDOW_NOT_YET_OPEN'] });
    expect(keys(result.userAuthentication.renewal.sources)).toContain(EDOGAWA);
    expect(keys(result.userAuthentication.sources)).toContain(EDOGAWA);
    expect(keys(result.sources)).toContain(EDOGAWA);
  });

  it('is absent when the card\'s expiry caps the certificate: a new one would be capped by the same card, so nothing is a year shorter', async () => {
    // 5th birthday after 2020-06-01 is 2025-01-01; the card ends first, 2023-06-30, so the window opens 2023-04-01 (2023-07-01 − 3 months).
    const result = await validity('birthDate: "2000-01-01", issuedOn: "2020-06-01", cardExpiresOn: "2023-06-30", asOf: "2023-01-01"');
    expect(result.userAuthentication).toMatchObject({ expiresOn: '2023-06-30', status: 'VALID' });
    expect(result.userAuthentication.renewal).toMatchObject({ phase: 'NOT_YET_OPEN', opensOn: '2023-04-01', noteCodes: [] });
    expect(keys(result.userAuthentication.renewal.sources)).not.toContain(EDOGAWA);
    expect(keys(result.sources)).not.toContain(EDOGAWA);
  });

  it('is absent when the certificate is not issued yet on asOf', async () => {
    const result = await validity('birthDate: "2000-01-01", issuedOn: "2020-06-01", asOf: "2020-05-01"');
    expect(result.userAuthentication).toMatchObject({ status: 'NOT_YET_ISSUED', expiresOn: '2025-01-01' });
    expect(result.userAuthentication.renewal.noteCodes).toEqual([]);
    expect(keys(result.sources)).not.toContain(EDOGAWA);
  });
});

describe('an expired certificate', () => {
  // Born 1990-10-10, issued 2019-10-11: the 5th birthday after issue is 2024-10-10.
  it('says on its window that services using it stop until it is renewed, and that renewal stays free, citing the city\'s page', async () => {
    const result = await validity('birthDate: "1990-10-10", issuedOn: "2019-10-11", asOf: "2026-12-06"');
    expect(result.userAuthentication).toMatchObject({ status: 'EXPIRED', expiresOn: '2024-10-10' });
    const window = result.userAuthentication.renewal;
    expect(window).toMatchObject({ phase: 'EXPIRED_STILL_RENEWABLE', noteCodes: ['EXPIRED_STILL_RENEWABLE'] });
    expect(window.notes[0]!.ja).toContain('コンビニ交付');
    expect(window.notes[0]!.ja).toContain('無料');
    expect(window.notes[0]!.en).toContain('free of charge');
    expect(keys(window.sources)).toContain(CITY);
  });

  it('says the same on the renewal window asked alone', async () => {
    const answer = await ask<{ renewalWindow: Window }>('{ renewalWindow(expiresOn: "2024-10-10", asOf: "2026-12-06") { phase opensOn noteCodes notes { ja en } sources { key } } }');
    expect(answer.data!.renewalWindow).toMatchObject({ phase: 'EXPIRED_STILL_RENEWABLE', noteCodes: ['EXPIRED_STILL_RENEWABLE'] });
  });

  it('does not say renewal stays free when the card\'s own expiry ended it (no source says a certificate is renewed onto an expired card)', async () => {
    const result = await validity('birthDate: "2000-01-01", issuedOn: "2020-06-01", cardExpiresOn: "2023-06-30", asOf: "2024-01-01"');
    expect(result.userAuthentication).toMatchObject({ status: 'EXPIRED', expiresOn: '2023-06-30' });
    expect(result.userAuthentication.renewal.noteCodes).toEqual([]);
  });
});

describe('a capped certificate', () => {
  it('says in its cap\'s note that the cap, not the birthday the rule gives, is its expiry', async () => {
    // Renewed inside the window: the 6th birthday after 2020-12-01 would be 2026-01-01; the card ends first.
    const result = await validity('birthDate: "2000-01-01", issuedOn: "2020-12-01", previousExpiresOn: "2021-01-01", cardExpiresOn: "2024-06-30", asOf: "2021-01-01"');
    expect(result.userAuthentication).toMatchObject({ expiresOn: '2024-06-30', birthdayCount: 6 });
    const capped = result.notes[result.noteCodes.indexOf('CAPPED_BY_CARD_EXPIRY')]!;
    expect(capped.ja).toContain('誕生日');
    expect(capped.en).toContain('earlier than the birthday');
  });
});

describe('impossible input', () => {
  it('refuses a previous signature certificate that outlived the previous user-authentication one, naming the field', async () => {
    const answer = await ask('{ certificateValidity(input: { birthDate: "2000-01-01", issuedOn: "2020-12-01", previousUserAuthenticationExpiresOn: "2020-06-01", previousSignatureExpiresOn: "2021-01-01" }) { noteCodes } }');
    expect(answer.errors?.map((error) => [error.extensions.code, error.extensions.field])).toEqual([['BAD_USER_INPUT', 'input.previousSignatureExpiresOn']]);
  });

  it('refuses an identity document shown before it was issued, naming the argument', async () => {
    // Node id of list A's 4th document (運転経歴証明書): base64 of "IdDocument:A:4".
    const id = Buffer.from('IdDocument:A:4').toString('base64');
    const answer = await ask(`{ node(id: "${id}") { ... on IdDocument { acceptableIfIssuedOn(issuedOn: "2012-04-01", asOf: "2012-03-31") } } }`);
    expect(answer.errors?.map((error) => [error.extensions.code, error.extensions.argument])).toEqual([['BAD_USER_INPUT', 'issuedOn']]);
  });
});

describe('sources of the served facts', () => {
  it('marks the city page\'s title as ours (COMPOSED): no stored text of the page quotes it', async () => {
    const answer = await ask<{ sources: { key: string; title: { jaKind: string } }[] }>('{ sources { key title { jaKind } } }');
    expect(answer.data!.sources.find((source) => source.key === CITY)?.title.jaKind).toBe('COMPOSED');
  });

  it('credits the procedures each office handles to the city\'s page, the card centre\'s included', async () => {
    const answer = await ask<{ offices: { nodes: { kind: string; source: { key: string }; procedureSources: { key: string }[] }[] } }>('{ offices(first: 20) { nodes { kind source { key } procedureSources { key } } } }');
    const nodes = answer.data!.offices.nodes;
    expect(nodes).toHaveLength(11);
    expect(nodes.map((office) => keys(office.procedureSources))).toEqual(nodes.map(() => [CITY]));
    expect(nodes.find((office) => office.kind === 'CARD_CENTER')?.source.key).toBe('sapporo-teine-card-center-page');
  });
});

describe('what a window claims depends on the card, not on which cap bound', () => {
  it('claims neither a year less nor renewal after expiry on a card that ends the same day as the certificate', async () => {
    // Born 2000-10-10, issued 2020-05-15: the 5th birthday after issue, 2024-10-10, is the card's last day too.
    const before = await validity('birthDate: "2000-10-10", issuedOn: "2020-05-15", cardExpiresOn: "2024-10-10", asOf: "2024-06-01"');
    const after = await validity('birthDate: "2000-10-10", issuedOn: "2020-05-15", cardExpiresOn: "2024-10-10", asOf: "2025-01-01"');
    expect([before.userAuthentication.renewal.phase, before.userAuthentication.renewal.noteCodes]).toEqual(['NOT_YET_OPEN', []]);
    expect([after.userAuthentication.renewal.phase, after.userAuthentication.renewal.noteCodes]).toEqual(['EXPIRED_STILL_RENEWABLE', []]);
  });

  it('claims no renewal after expiry once the card too has expired by asOf', async () => {
    const result = await validity('birthDate: "1980-10-10", issuedOn: "2019-10-11", cardExpiresOn: "2025-01-01", asOf: "2026-01-01"');
    expect(result.userAuthentication).toMatchObject({ status: 'EXPIRED', expiresOn: '2024-10-10' });
    expect(result.userAuthentication.renewal.noteCodes).toEqual([]);
  });

  it('claims a year less for a signature certificate capped by the user-authentication one: renewed together, both are a year shorter', async () => {
    const result = await validity('birthDate: "1980-10-10", issuedOn: "2024-09-01", previousSignatureExpiresOn: "2024-10-10", previousUserAuthenticationExpiresOn: "2025-10-10", asOf: "2028-01-01"');
    expect(result.signature.renewal).toMatchObject({ phase: 'NOT_YET_OPEN', noteCodes: ['RENEWAL_WINDOW_NOT_YET_OPEN'] });
  });

  it('says of an expired signature certificate that what uses it stops, naming convenience-store issuance only as the user-authentication certificate\'s', async () => {
    // docs/domain-rules.md §9: born 2007-09-01, renewed on 2024-08-01 with no previous signature certificate:
    // signature to 2028-09-01, user authentication to 2029-09-01.
    const result = await validity('birthDate: "2007-09-01", issuedOn: "2024-08-01", previousUserAuthenticationExpiresOn: "2024-09-01", asOf: "2028-12-01"');
    expect([result.signature.status, result.userAuthentication.status]).toEqual(['EXPIRED', 'VALID']);
    expect(result.signature.renewal.notes[0]!.en).toContain('for the user authentication certificate, convenience-store issuance');
  });
});

// A partner's audit (2026-12-06): the card's expiry can cap a renewal inside the window as well as
// one before it, and then applying early loses nothing. Born 10 October; the previous certificate
// ends 2024-10-10 and its window opens 2024-07-11. Inside the window a renewal runs to the 6th
// birthday after, 2029-10-10; before it, to the 5th after its own day, 2028-10-10 at most. A second
// audit (the same day): a card ending between the two still lets the early one end sooner, by up
// to 364 days, and the notes were missing there.
describe('the notes that say applying early costs a year', () => {
  it('are absent when the card ends on or before the 5th birthday after the application: the card ends an early and an in-window renewal alike', async () => {
    // Applying on 2024-06-01 gives 2028-10-10, capped by the card to 2025-10-10; inside the window, 2029-10-10, capped to 2025-10-10.
    const ahead = await validity('birthDate: "1980-10-10", issuedOn: "2020-05-15", cardExpiresOn: "2025-10-10", asOf: "2024-06-01"');
    expect(ahead.userAuthentication).toMatchObject({ expiresOn: '2024-10-10', status: 'VALID' });
    expect(ahead.userAuthentication.renewal).toMatchObject({ phase: 'NOT_YET_OPEN', opensOn: '2024-07-11', noteCodes: [] });
    expect(keys(ahead.sources)).not.toContain(EDOGAWA);
    // Issued 2024-07-10, a day before that window opened: to the 5th birthday after, 2028-10-10, capped to 2025-10-10.
    const done = await validity('birthDate: "1980-10-10", issuedOn: "2024-07-10", previousExpiresOn: "2024-10-10", cardExpiresOn: "2025-10-10", asOf: "2024-08-01"');
    expect(done.userAuthentication.expiresOn).toBe('2025-10-10');
    expect(done.noteCodes).toEqual(['ISSUED_OUTSIDE_RENEWAL_WINDOW', 'CAPPED_BY_CARD_EXPIRY']);
    expect(keys(done.sources)).not.toContain(EDOGAWA);
    // The card ends on that very 5th birthday: early and inside, 2028-10-10.
    const onTheBirthday = await validity('birthDate: "1980-10-10", issuedOn: "2020-05-15", cardExpiresOn: "2028-10-10", asOf: "2024-06-01"');
    expect(onTheBirthday.userAuthentication.renewal.noteCodes).toEqual([]);
    const doneOnTheBirthday = await validity('birthDate: "1980-10-10", issuedOn: "2024-07-10", previousExpiresOn: "2024-10-10", cardExpiresOn: "2028-10-10", asOf: "2024-08-01"');
    expect(doneOnTheBirthday.noteCodes).toEqual(['ISSUED_OUTSIDE_RENEWAL_WINDOW']);
  });

  it('are present when the card lasts to the 6th birthday after the window opens: nothing caps the in-window renewal', async () => {
    const ahead = await validity('birthDate: "1980-10-10", issuedOn: "2020-05-15", cardExpiresOn: "2029-10-10", asOf: "2024-06-01"');
    expect(ahead.userAuthentication.renewal.noteCodes).toEqual(['RENEWAL_WINDOW_NOT_YET_OPEN']);
    const done = await validity('birthDate: "1980-10-10", issuedOn: "2024-07-10", previousExpiresOn: "2024-10-10", cardExpiresOn: "2029-10-10", asOf: "2024-08-01"');
    expect(done.userAuthentication.expiresOn).toBe('2028-10-10');
    expect(done.noteCodes).toEqual(['ISSUED_OUTSIDE_RENEWAL_WINDOW', 'APPLIED_BEFORE_RENEWAL_WINDOW']);
    expect(keys(done.sources)).toContain(EDOGAWA);
  });

  // A third audit (2026-12-07): a certificate runs from its issue day, and the card kept and mailed
  // back after an early application is issued later; the notes were decided from the application day.
  it('are absent when the card ends on or before the 5th birthday after the issue day, though after the 5th after the application', async () => {
    // Applied 2024-06-01 (before the window, 2024-07-11), issued 2024-10-15: to 2029-10-10, capped to 2029-06-01, as inside the window.
    const mailedBack = await validity('birthDate: "1980-10-10", appliedOn: "2024-06-01", issuedOn: "2024-10-15", previousExpiresOn: "2024-10-10", cardExpiresOn: "2029-06-01", asOf: "2024-10-15"');
    expect(mailedBack.userAuthentication.expiresOn).toBe('2029-06-01');
    expect(mailedBack.noteCodes).toEqual(['WINDOW_JUDGED_ON_APPLICATION_DATE', 'ISSUED_OUTSIDE_RENEWAL_WINDOW', 'CAPPED_BY_CARD_EXPIRY']);
    expect(keys(mailedBack.sources)).not.toContain(EDOGAWA);
    const inside = await validity('birthDate: "1980-10-10", appliedOn: "2024-08-01", issuedOn: "2024-10-15", previousExpiresOn: "2024-10-10", cardExpiresOn: "2029-06-01", asOf: "2024-10-15"');
    expect(inside.userAuthentication.expiresOn).toBe('2029-06-01');
    // A card past that 5th birthday: the early one ends on it, 2029-10-10; inside the window, with the card, 2030-01-01.
    const longerCard = await validity('birthDate: "1980-10-10", appliedOn: "2024-06-01", issuedOn: "2024-10-15", previousExpiresOn: "2024-10-10", cardExpiresOn: "2030-01-01", asOf: "2024-10-15"');
    expect(longerCard.userAuthentication.expiresOn).toBe('2029-10-10');
    expect(longerCard.noteCodes).toEqual(['WINDOW_JUDGED_ON_APPLICATION_DATE', 'ISSUED_OUTSIDE_RENEWAL_WINDOW', 'APPLIED_BEFORE_RENEWAL_WINDOW']);
  });

  it.each(['2029-10-09', '2029-03-31', '2028-10-11'])(
    'are present when the card ends after the 5th birthday after the application and before the 6th after the window opens (%s): the early one still ends sooner',
    async (cardExpiresOn) => {
      // Early, 2028-10-10; inside the window, the card's own day: 1 to 364 days later.
      const ahead = await validity(`birthDate: "1980-10-10", issuedOn: "2020-05-15", cardExpiresOn: "${cardExpiresOn}", asOf: "2024-06-01"`);
      expect(ahead.userAuthentication.renewal.noteCodes).toEqual(['RENEWAL_WINDOW_NOT_YET_OPEN']);
      const early = await validity(`birthDate: "1980-10-10", issuedOn: "2024-07-10", previousExpiresOn: "2024-10-10", cardExpiresOn: "${cardExpiresOn}", asOf: "2024-08-01"`);
      expect(early.userAuthentication.expiresOn).toBe('2028-10-10');
      expect(early.noteCodes).toEqual(['ISSUED_OUTSIDE_RENEWAL_WINDOW', 'APPLIED_BEFORE_RENEWAL_WINDOW']);
      const inside = await validity(`birthDate: "1980-10-10", issuedOn: "2024-07-11", previousExpiresOn: "2024-10-10", cardExpiresOn: "${cardExpiresOn}", asOf: "2024-08-01"`);
      expect(inside.userAuthentication.expiresOn).toBe(cardExpiresOn);
    },
  );
});
