import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/observability/logger.ts';
import { createTestApp, type RawRequest } from './support/app.ts';

// The response cache answers a repeat of a storable request from memory: the same bytes as a
// computed answer, under every response type. (Compiled operations: compiled-operations.test.ts.)

const clock = () => new Date('2026-11-25T03:00:00Z');
/** The reference: nothing cached. */
const computed = createTestApp({ clock, config: { responseCacheEntries: 0 } });
const lines: string[] = [];
const cached = createTestApp({ clock, logger: createLogger('info', { write: (line: string) => void lines.push(line) }) });

const operationFiles = ['kiosk', 'examples'].flatMap((folder) =>
  readdirSync(`operations/${folder}`).filter((file) => file.endsWith('.graphql')).map((file) => readFileSync(`operations/${folder}/${file}`, 'utf8')),
);

function post(query: string, variables: Record<string, unknown> = {}, accept = 'application/graphql-response+json'): RawRequest {
  return { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ query, variables }) };
}

const SAMPLE_VARIABLES = {
  expiresOn: '2026-12-31', asOf: '2026-11-25', residentWard: 'KITA', procedure: 'PIN_RESET', first: 3,
  inputs: [{ birthDate: '1980-10-10', issuedOn: '2020-05-15' }, { birthDate: '2008-02-29', issuedOn: '2023-03-01' }],
  input: { birthDate: '1980-10-10', userAuthenticationExpiresOn: '2026-11-24', pinLocked: true, asOf: '2026-11-25' },
};

describe('the response cache', () => {
  it.each([
    ['reference data', '{ offices(first: 100) { totalCount nodes { id key kind ward wardCode name { ja en } procedures } } certificateTypes { kind pinRule { pattern } } }'],
    ['node lookups', '{ nodes(ids: ["T2ZmaWNlOmtpdGEtd2FyZC1vZmZpY2U="]) { id ... on Office { key } } }'],
    ...operationFiles.map((document, i) => [`operation file ${i + 1}`, document] as [string, string]),
  ])('%s: the first answer and its repeat equal a computed answer byte for byte, under each response type', async (_label, query) => {
    for (const accept of ['application/graphql-response+json', 'application/json', '*/*']) {
      const request = post(query, SAMPLE_VARIABLES, accept);
      const reference = await computed.request(request);
      expect(reference.status).toBe(200);
      expect(JSON.parse(reference.text).errors).toBeUndefined();
      for (const answer of [await cached.request(request), await cached.request(request)]) {
        expect(answer.status).toBe(reference.status);
        expect(answer.headers['content-type']).toBe(reference.headers['content-type']);
        expect(answer.text).toBe(reference.text);
      }
    }
  });

  it('logs an answer from the cache like any other, with the cache outcome', async () => {
    lines.length = 0;
    await cached.request(post('query Notices { notices { key } }'));
    await cached.request(post('query Notices { notices { key } }'));
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ operationName: 'Notices', cache: 'miss', status: 200 }),
      expect.objectContaining({ operationName: 'Notices', cache: 'hit', status: 200 }),
    ]);
  });
});
