import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/observability/logger.ts';
import { createTestApp, type RawRequest } from './support/app.ts';

const clock = () => new Date('2026-11-25T03:00:00Z');
/** The reference: every request through Yoga, nothing cached, nothing compiled. */
const plain = createTestApp({ clock, config: { responseCacheEntries: 0, compileOperations: false } });
const lines: string[] = [];
const fast = createTestApp({ clock, logger: createLogger('info', { write: (line: string) => void lines.push(line) }) });

const VALIDITY = `query Validity($input: CertificateValidityInput!) {
  certificateValidity(input: $input) {
    asOf asOfWareki noteCodes notes { ja en }
    userAuthentication { certificateType { kind name { ja } } issuable expiresOn expiresOnWareki birthdayCount status renewal { expiresOn opensOn opensOnWareki phase fee } }
    signature { issuable expiresOn birthdayCount status renewal { opensOn phase fee } }
  }
}`;

const operationFiles = ['kiosk', 'examples'].flatMap((folder) =>
  readdirSync(`operations/${folder}`).filter((file) => file.endsWith('.graphql')).map((file) => readFileSync(`operations/${folder}/${file}`, 'utf8')),
);

function post(query: string, variables: Record<string, unknown> = {}, accept = 'application/graphql-response+json'): RawRequest {
  return { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ query, variables }) };
}

async function both(request: RawRequest) {
  const [reference, first, second] = [await plain.request(request), await fast.request(request), await fast.request(request)];
  return { reference, first, second };
}

const SAMPLE_VARIABLES = {
  expiresOn: '2026-12-31', asOf: '2026-11-25', residentWard: 'KITA', procedure: 'PIN_RESET', first: 3,
  inputs: [{ birthDate: '1980-10-10', issuedOn: '2020-05-15' }, { birthDate: '2008-02-29', issuedOn: '2023-03-01' }],
  input: { birthDate: '1980-10-10', userAuthenticationExpiresOn: '2026-11-24', pinLocked: true, asOf: '2026-11-25' },
};

describe('fast paths answer exactly what Yoga answers', () => {
  it.each([
    ['reference data', '{ offices(first: 100) { totalCount nodes { id key kind ward wardCode name { ja en } procedures } } certificateTypes { kind pinRule { pattern } } }'],
    ['documents', '{ idDocumentLists { code documents { id position name { ja } issuedOnOrAfter acceptableIfIssuedOn(issuedOn: "2012-03-31") } } }'],
    ['node lookups', '{ nodes(ids: ["T2ZmaWNlOmtpdGEtd2FyZC1vZmZpY2U="]) { id ... on Office { key } } }'],
    ...operationFiles.map((document, i) => [`operation file ${i + 1}`, document] as [string, string]),
  ])('%s: cache miss (compiled or not) and cache hit equal the plain answer, byte for byte', async (_label, query) => {
    for (const accept of ['application/graphql-response+json', 'application/json', '*/*']) {
      const { reference, first, second } = await both(post(query, SAMPLE_VARIABLES, accept));
      expect(reference.status).toBe(200);
      expect(JSON.parse(reference.text).errors).toBeUndefined();
      for (const answer of [first, second]) {
        expect(answer.status).toBe(reference.status);
        expect(answer.headers['content-type']).toBe(reference.headers['content-type']);
        expect(answer.text).toBe(reference.text);
      }
    }
  });

  it('computes every birth date the same way compiled as through Yoga (property)', async () => {
    const date = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    await fc.assert(
      fc.asyncProperty(date, date, fc.option(date, { nil: undefined }), fc.boolean(), async (a, b, previous, underGuardianship) => {
        const [birthDate, issuedOn] = a <= b ? [a, b] : [b, a];
        const request = post(VALIDITY, { input: { birthDate, issuedOn, previousExpiresOn: previous, underGuardianship } });
        const { reference, first, second } = await both(request);
        expect(first.text).toBe(reference.text);
        expect(second.text).toBe(reference.text);
      }),
      { numRuns: 300 },
    );
  });

  it('still gives coded errors for bad variables of a compiled operation', async () => {
    await fast.request(post(VALIDITY, { input: { birthDate: '1980-01-01', issuedOn: '2020-01-01' } }));
    for (const input of [{ birthDate: '2021-01-01', issuedOn: '2020-01-01' }, { birthDate: '2020-02-30', issuedOn: '2020-01-01' }, { birthDate: 5 }]) {
      const reference = await plain.request(post(VALIDITY, { input }));
      const answer = await fast.request(post(VALIDITY, { input }));
      expect(answer.status).toBe(reference.status);
      expect(JSON.parse(answer.text).errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(
        JSON.parse(reference.text).errors.map((e: { extensions: { code: string } }) => e.extensions.code),
      );
    }
  });

  it('still applies the cost limit to a compiled operation whose variables make it too expensive', async () => {
    const batch = 'query ($inputs: [CertificateValidityInput!]!) { certificateValidities(inputs: $inputs) { asOf userAuthentication { issuable birthdayCount expiresOn expiresOnWareki status renewal { opensOn opensOnWareki phase fee } } signature { issuable birthdayCount expiresOn expiresOnWareki status renewal { opensOn opensOnWareki phase fee } } notes { ja en } noteCodes } }';
    const input = { birthDate: '1980-01-01', issuedOn: '2020-01-01' };
    expect((await fast.request(post(batch, { inputs: [input] }))).status).toBe(200);
    const refused = await fast.request(post(batch, { inputs: Array.from({ length: 1000 }, () => input) }));
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('logs cached and compiled answers like any other', async () => {
    lines.length = 0;
    await fast.request(post('query Notices { notices { key } }'));
    await fast.request(post('query Notices { notices { key } }'));
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ operationName: 'Notices', cache: 'miss', status: 200 }),
      expect.objectContaining({ operationName: 'Notices', cache: 'hit', status: 200 }),
    ]);
  });
});
