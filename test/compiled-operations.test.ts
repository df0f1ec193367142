import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { getIntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/observability/logger.ts';
import { createTestApp, type RawRequest } from './support/app.ts';

// A compiled operation (graphql-jit) is one step of the same pipeline as an interpreted one: the
// same checks before it, the same masking after it. These tests hold it to that: over every
// operation the tests use, errors included, the compiled answer is the interpreted one, byte for
// byte, and the log shows the compiled path did run.

const clock = () => new Date('2026-11-25T03:00:00Z');
/** The reference: nothing cached, nothing compiled. */
const interpreted = createTestApp({ clock, config: { responseCacheEntries: 0, compileOperations: false } });
const lines: string[] = [];
/** Compiles an operation on its second clean answer; no response cache, so every answer is computed. */
const compiling = createTestApp({ clock, config: { responseCacheEntries: 0 }, logger: createLogger('info', { write: (line: string) => void lines.push(line) }) });

function post(query: string, variables: Record<string, unknown> = {}, accept = 'application/graphql-response+json'): RawRequest {
  return { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ query, variables }) };
}

const lastLine = () => JSON.parse(lines.at(-1)!) as { compiled: boolean; status: number };

const VALIDITY = `query Validity($input: CertificateValidityInput!) {
  certificateValidity(input: $input) {
    asOf asOfWareki noteCodes notes { ja en }
    userAuthentication { certificateType { kind name { ja } } issuable expiresOn expiresOnWareki birthdayCount status renewal { expiresOn opensOn opensOnWareki phase fee } }
    signature { issuable expiresOn birthdayCount status renewal { opensOn phase fee } }
  }
}`;
const BATCH = 'query Batch($inputs: [CertificateValidityInput!]!) { certificateValidities(inputs: $inputs) { asOf userAuthentication { expiresOn status } } }';
const ELIGIBILITY = 'query Eligibility($input: ConvenienceStoreEligibilityInput!) { convenienceStoreEligibility(input: $input) { eligible refusals remedies { kind } documents { kind eligible refusals } } }';
const OFFICES = 'query Offices($first: Int, $ward: Ward) { offices(first: $first, ward: $ward) { totalCount nodes { id key ward name { ja } } } }';
const NODE = 'query Node($id: ID!) { node(id: $id) { id ... on Office { key } } }';
const NODES = 'query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }';
const KIND_WITH_DEFAULT = 'query Kind($k: CertificateKind = SIGNATURE) { certificateType(kind: $k) { kind } }';
const SKIP_WITH_DEFAULT = 'query Skip($s: Boolean = false) { certificateTypes { kind minimumAge @skip(if: $s) } }';
const ROOT_SKIP_WITH_DEFAULT = 'query RootSkip($s: Boolean = false) { certificateTypes @skip(if: $s) { kind } notices { key } }';
const ROOT_INCLUDE_WITH_DEFAULT = 'query RootInclude($s: Boolean = true) { ... @include(if: $s) { certificateTypes { kind } } }';
const NODES_WITH_VARIABLE = 'query Nodes($v: ID = "T2ZmaWNlOmNodW8td2FyZC1vZmZpY2U=") { nodes(ids: ["T2ZmaWNlOmNodW8td2FyZC1vZmZpY2U=", $v]) { id } }';

const operationFiles = ['kiosk', 'examples'].flatMap((folder) =>
  readdirSync(`operations/${folder}`).filter((file) => file.endsWith('.graphql')).map((file) => [`operations/${folder}/${file}`, readFileSync(`operations/${folder}/${file}`, 'utf8')] as const),
);

const SAMPLE_VARIABLES = {
  expiresOn: '2026-12-31', asOf: '2026-11-25', residentWard: 'KITA', procedure: 'PIN_RESET', first: 3,
  inputs: [{ birthDate: '1980-10-10', issuedOn: '2020-05-15' }, { birthDate: '2008-02-29', issuedOn: '2023-03-01' }],
  input: { birthDate: '1980-10-10', userAuthenticationExpiresOn: '2026-11-24', pinLocked: true, asOf: '2026-11-25' },
};

type Case = [label: string, document: string, clean: Record<string, unknown>, tested: Record<string, unknown>, runsCompiled: boolean];

/**
 * Each case: a document, variables that answer it cleanly (to get it compiled), the variables
 * under test, and whether the tested request runs compiled: a compiled operation coerces its own
 * variables, so bad ones are found by the compiled step too; a document with a personal value
 * written into its text, or with a comment (which may hold one), is never kept, so never compiled.
 */
const cases: Case[] = [
  ...operationFiles.map(([file, document]): Case => [file, document, SAMPLE_VARIABLES, SAMPLE_VARIABLES, !/^\s*#/m.test(document)]),
  ['reference data', '{ offices(first: 100) { totalCount nodes { id key kind ward wardCode name { ja en } procedures } } certificateTypes { kind pinRule { pattern } } notices { key } procedures { kind } contactPoints { name { ja } } }', {}, {}, true],
  ['documents', '{ idDocumentLists { code documents { id position name { ja } issuedOnOrAfter acceptableIfIssuedOn(issuedOn: "2012-03-31") } } }', {}, {}, false],
  ['introspection', getIntrospectionQuery(), {}, {}, true],
  ['a computation', VALIDITY, { input: { birthDate: '1980-10-10', issuedOn: '2020-05-15' } }, { input: { birthDate: '2008-02-29', issuedOn: '2023-02-28', underGuardianship: true } }, true],
  ['a birth date after the issue date (resolver error)', VALIDITY, { input: { birthDate: '1980-10-10', issuedOn: '2020-05-15' } }, { input: { birthDate: '2021-01-01', issuedOn: '2020-01-01' } }, true],
  ['a date that does not exist (variable error)', VALIDITY, { input: { birthDate: '1980-10-10', issuedOn: '2020-05-15' } }, { input: { birthDate: '2020-02-30', issuedOn: '2020-01-01' } }, true],
  ['a wrong type and a missing field', VALIDITY, { input: { birthDate: '1980-10-10', issuedOn: '2020-05-15' } }, { input: { birthDate: 5 } }, true],
  ['an unknown input field', VALIDITY, { input: { birthDate: '1980-10-10', issuedOn: '2020-05-15' } }, { input: { birthDate: '1980-10-10', issuedOn: '2020-05-15', nope: 1 } }, true],
  ['one bad input of a batch (partial data)', BATCH, { inputs: [{ birthDate: '1980-10-10', issuedOn: '2020-05-15' }] }, { inputs: [{ birthDate: '1980-10-10', issuedOn: '2020-05-15' }, { birthDate: '2030-01-01', issuedOn: '2020-05-15' }] }, true],
  ['an eligibility refused', ELIGIBILITY, SAMPLE_VARIABLES, { input: { birthDate: '2015-01-01', userAuthenticationExpiresOn: '2026-01-01', underGuardianship: true, asOf: '2026-11-25' } }, true],
  ['a page too large (resolver error)', OFFICES, { first: 3 }, { first: 101 }, true],
  ['an unknown ward (enum variable error)', OFFICES, { ward: 'KITA' }, { ward: '北区' }, true],
  ['a page size sent as a string (variable error)', OFFICES, { first: 3 }, { first: '3' }, true],
  ['a page size past the 32-bit integers (variable error)', OFFICES, { first: 3 }, { first: 3_000_000_000 }, true],
  ['a malformed id (resolver error)', NODE, { id: 'T2ZmaWNlOmtpdGEtd2FyZC1vZmZpY2U=' }, { id: 'not an id' }, true],
  ['an unknown id (null, NOT_FOUND)', NODE, { id: 'T2ZmaWNlOmtpdGEtd2FyZC1vZmZpY2U=' }, { id: 'T2ZmaWNlOm5vd2hlcmU=' }, true],
  // graphql-jit passed a variable given null inside a list written in the document to the resolver
  // as it came, where graphql-js refuses the argument: an INTERNAL_SERVER_ERROR. Such a document stays interpreted.
  ['a variable given null inside a list written in the document', NODES_WITH_VARIABLE, { v: 'T2ZmaWNlOmtpdGEtd2FyZC1vZmZpY2U=' }, { v: null }, false],
  // A semantics probe (2026-12-06): graphql-jit put the null of an item that failed at once (a
  // malformed id) at the end of the list, not at its place, so the list came back shorter than `ids`.
  ['a malformed id among found ones in nodes(ids:)', NODES, { ids: ['T2ZmaWNlOmtpdGEtd2FyZC1vZmZpY2U='] }, { ids: ['T2ZmaWNlOmNodW8td2FyZC1vZmZpY2U=', 'not an id'] }, true],
  ['a malformed and an unknown id among found ones in nodes(ids:)', NODES, { ids: ['T2ZmaWNlOmtpdGEtd2FyZC1vZmZpY2U='] }, { ids: ['T2ZmaWNlOm5vd2hlcmU=', 'T2ZmaWNlOmNodW8td2FyZC1vZmZpY2U=', 'not an id', 'T2ZmaWNlOmtpdGEtd2FyZC1vZmZpY2U='] }, true],
  // The same probe: a variable with a default, given null where the argument (or @skip's `if`) is
  // non-null, which validation lets stand: graphql-js refuses it, graphql-jit answered
  // INTERNAL_SERVER_ERROR, or skipped the field. Such a document stays interpreted.
  ['a defaulted variable given null for a non-null argument', KIND_WITH_DEFAULT, {}, { k: null }, false],
  ['a defaulted variable given null for @skip(if:)', SKIP_WITH_DEFAULT, {}, { s: null }, false],
  // graphql-js reads a root selection's directives before any field runs: refused with no path, BAD_USER_INPUT as at a nested one.
  ['a defaulted variable given null for @skip(if:) on a root field', ROOT_SKIP_WITH_DEFAULT, {}, { s: null }, false],
  ['a defaulted variable given null for @include(if:) on a root fragment', ROOT_INCLUDE_WITH_DEFAULT, {}, { s: null }, false],
];

describe('compiled operations', () => {
  it.each(cases)('%s: the compiled answer is the interpreted one, byte for byte', async (_label, document, clean, tested, runsCompiled) => {
    for (const accept of ['application/graphql-response+json', 'application/json']) {
      // Two clean answers get the operation compiled (it stays compiled for later requests).
      for (let i = 0; i < 2; i++) expect((await compiling.request(post(document, clean, accept))).status).toBe(200);
      const reference = await interpreted.request(post(document, tested, accept));
      const answer = await compiling.request(post(document, tested, accept));
      expect(lastLine().compiled).toBe(runsCompiled);
      expect(answer.status).toBe(reference.status);
      expect(answer.headers['content-type']).toBe(reference.headers['content-type']);
      expect(answer.text).toBe(reference.text);
    }
  });

  it('computes every birth date the same way compiled as interpreted (property)', async () => {
    for (let i = 0; i < 2; i++) await compiling.request(post(VALIDITY, { input: { birthDate: '1980-10-10', issuedOn: '2020-05-15' } }));
    const date = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    await fc.assert(
      fc.asyncProperty(date, date, fc.option(date, { nil: undefined }), fc.boolean(), async (a, b, previous, underGuardianship) => {
        const [birthDate, issuedOn] = a <= b ? [a, b] : [b, a];
        const request = post(VALIDITY, { input: { birthDate, issuedOn, previousExpiresOn: previous, underGuardianship } });
        const reference = await interpreted.request(request);
        const answer = await compiling.request(request);
        expect(lastLine().compiled).toBe(true);
        expect(answer.text).toBe(reference.text);
      }),
      { numRuns: 200 },
    );
  });

  it('holds a compiled operation to the cost limit its variables set', async () => {
    const batch = 'query ($inputs: [CertificateValidityInput!]!) { certificateValidities(inputs: $inputs) { asOf notes { ja en } } }';
    const input = { birthDate: '1980-01-01', issuedOn: '2020-01-01' };
    for (let i = 0; i < 2; i++) expect((await compiling.request(post(batch, { inputs: [input] }))).status).toBe(200);
    const refused = await compiling.request(post(batch, { inputs: Array.from({ length: 1000 }, () => input) }));
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(lastLine().compiled).toBe(false);
  });
});
