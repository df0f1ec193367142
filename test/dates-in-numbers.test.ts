import { describe, expect, it } from 'vitest';
import { serverForTests } from './support/file-server.ts';
import { requestLogLines } from './support/sockets.ts';

// Where a privacy probe found a date the rule of personal data missed, each against a
// real server process: an answer that may carry one is stored by no cache and its name never logged.

const server = serverForTests({ NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info' });

const JSON_ANSWER = { accept: 'application/json' };
const CSRF = { 'x-graphql-csrf': '1' };

function get(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = JSON_ANSWER): Promise<Response> {
  const params = new URLSearchParams({ query, ...(variables === undefined ? {} : { variables: JSON.stringify(variables) }) });
  return fetch(`${server.url}?${params}`, { headers: { ...headers, ...CSRF } });
}

function post(query: string, variables?: Record<string, unknown>): Promise<Response> {
  return fetch(server.url, { method: 'POST', headers: { ...JSON_ANSWER, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
}

/** The log line of each answer. */
const linesOf = (responses: Response[]) => requestLogLines(() => server.stdout(), responses.map((response) => response.headers.get('x-request-id')));

/** What the cache and the log made of each answer: its status, Cache-Control, ETag, and the log line's cache and operationName. */
async function outcomes(responses: Response[]) {
  const lines = await linesOf(responses);
  return responses.map((response, i) => [response.status, response.headers.get('cache-control'), response.headers.get('etag'), lines[i]!.cache, lines[i]!.operationName]);
}

const UNSTORED = [200, 'no-store', null, 'bypass', null];

describe('a number sent in an Int variable', () => {
  // Under @skip or a false @include the argument is never range-checked, so the answer had no error.
  const skipped = 'query Q($n: Int) { certificateTypes { kind } offices(first: $n) @skip(if: true) { totalCount } }';
  const notIncluded = 'query Q($n: Int) { certificateTypes { kind } offices(first: $n) @include(if: false) { totalCount } }';

  it('of 8 digits, by GET, for a skipped field: no-store, no ETag, bypass twice, no operationName logged', async () => {
    const responses = [await get(skipped, { n: 19900101 }), await get(skipped, { n: 19900101 })];
    expect(await outcomes(responses)).toEqual([UNSTORED, UNSTORED]);
  });

  it('of 6 digits, by POST, for a field not included: no-store, no ETag, bypass twice, no operationName logged', async () => {
    const responses = [await post(notIncluded, { n: 770717 }), await post(notIncluded, { n: 770717 })];
    expect(await outcomes(responses)).toEqual([UNSTORED, UNSTORED]);
  });

  it('of 8 digits inside a list, which the Int refuses: no-store, no operationName logged', async () => {
    const responses = [await post(skipped, { n: [19900101] })];
    expect(await outcomes(responses)).toEqual([[200, 'no-store', null, 'bypass', null]]);
  });

  it('of 2 digits: public, max-age=300, an ETag, a hit the second time, operationName Q logged', async () => {
    const responses = [await get(skipped, { n: 20 }), await get(skipped, { n: 20 })];
    const etag = responses[0]!.headers.get('etag');
    expect(etag).toMatch(/^"/);
    expect(await outcomes(responses)).toEqual([
      [200, 'public, max-age=300', etag, 'miss', 'Q'],
      [200, 'public, max-age=300', etag, 'hit', 'Q'],
    ]);
  });
});

describe('a date written in numerals that are no decimal digits', () => {
  // Three requests no answer of another can serve: before, the third ran compiled, its document kept.
  const thrice = (query: string, variables?: Record<string, unknown>) => [
    () => get(query, variables),
    () => get(query, variables, { accept: 'application/graphql-response+json' }),
    () => post(query, variables),
  ];

  /** Each answer's outcome (outcomes), and whether its log line says it ran compiled. */
  async function outcomesOfThree(query: string, variables?: Record<string, unknown>) {
    const responses: Response[] = [];
    for (const send of thrice(query, variables)) responses.push(await send());
    const lines = await linesOf(responses);
    return (await outcomes(responses)).map((outcome, i) => [...outcome, lines[i]!.compiled]);
  }

  const UNSTORED_INTERPRETED = [...UNSTORED, false];

  it.each([
    ['circled digits (No)', '①⑨⑨⓪-⓪①-⓪①'],
    ['superscript digits (No)', '¹⁹⁹⁰'],
    ['Roman numerals (Nl)', 'ⅩⅦ'],
    ['Suzhou numerals (Nl)', '〡〩〧'],
    ['formal kanji numerals (大字)', '平成弐年壱月拾日'],
    ['卅 and 廿', '卅日'],
  ])('in %s, for a String argument: no-store, no ETag, bypass, no operationName logged, never compiled', async (_what, text) => {
    expect(await outcomesOfThree(`query T { __type(name: "${text}") { name } }`)).toEqual([UNSTORED_INTERPRETED, UNSTORED_INTERPRETED, UNSTORED_INTERPRETED]);
  });

  it('in circled digits, for a String variable: no-store, no ETag, bypass, no operationName logged', async () => {
    const got = await outcomesOfThree('query T($n: String!) { __type(name: $n) { name } }', { n: '①⑨⑨⓪' });
    expect(got.map((outcome) => outcome.slice(0, UNSTORED.length))).toEqual([UNSTORED, UNSTORED, UNSTORED]);
  });
});
