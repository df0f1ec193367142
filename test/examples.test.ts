import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import codegenConfig from '../codegen.ts';
import { KIOSK_OPERATIONS, KioskApiError, kioskClient } from '../examples/typescript/kiosk-client.ts';
import { temporaryDatabasePath } from './support/app.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';

// The partners' examples in examples/, run as a partner runs them, against real server processes.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const GENERATED = 'examples/typescript/generated/operations.ts';
const hasPython = spawnSync('python3', ['--version']).status === 0;

/** The pages, as docs/analysts.md lists them: Sapporo's, J-LIS's PIN page, Edogawa City's renewal page. */
const SAPPORO_JPKI_PAGE = 'https://www.city.sapporo.jp/shimin/koseki/card/jpki.html';
const JLIS_PIN_PAGE = 'https://www2.jpki.go.jp/procedure/password.html';
const EDOGAWA_RENEWAL_PAGE = 'https://www.city.edogawa.tokyo.jp/e038/kurashi/mynumber/card/denshisyomei/dennshokoshin.html';

/**
 * The kiosk flow's lines, from docs/kiosk-integrators.md: Kita's office and the card centre, J-LIS
 * cited for the lower-case conversion, the window of a 2026-12-31 expiry with the card centre's
 * reservation (docs/domain-rules.md: 土日などの区役所閉庁時間帯, カードのお受け取りなど), and the
 * window of a 2027-04-10 expiry, not open on 2026-11-25: (2027-04-10 + 1 day) − 3 months = 2027-01-11,
 * its note naming that day and the year less (docs/domain-rules.md §3), citing Edogawa City.
 * Between them, a resident born on 2008-02-29, refused for age on 2023-02-28: 15 on 1 March in a
 * common year (the Act on the Calculation of Age), with the note naming both rules (docs/domain-rules.md §2).
 */
const KIOSK_LINES = [
  'PIN USER_AUTHENTICATION: 4-4 characters, locks after 3 wrong tries',
  'PIN SIGNATURE: 6-16 characters, locks after 5 wrong tries',
  `PIN SIGNATURE: lower case is read as upper case, per 公的個人認証サービス ポータルサイト：暗証番号について ${JLIS_PIN_PAGE}`,
  'Convenience-store issuance on 2026-11-25: no (CERTIFICATE_EXPIRED, PIN_LOCKED)',
  'Renewal of the electronic certificates: 北区役所 011-757-2412; 札幌市マイナンバーカードセンター (no phone listed)',
  '札幌市マイナンバーカードセンター: 要予約 (土日などの区役所閉庁時間帯, カードのお受け取りなど)',
  'PIN re-initialisation and re-setting: 北区役所 011-757-2412; 札幌市マイナンバーカードセンター (no phone listed)',
  '札幌市マイナンバーカードセンター: 要予約 (土日などの区役所閉庁時間帯, カードのお受け取りなど)',
  'Convenience-store issuance on 2023-02-28: no (UNDER_MINIMUM_AGE)',
  'Old enough (15) from 2023-03-01',
  expect.stringMatching(/^Note LEAP_DAY_BIRTHDAY_ASSUMED: Born on 29 February: .* 28 February\..* reached on 1 March in a common year, under the Act on the Calculation of Age\.$/),
  'No procedure cures: UNDER_MINIMUM_AGE',
  'Certificate expiring 2026-12-31 (令和8年12月31日): renewal OPEN since 2026-10-01, fee 0 yen',
  `Sources: 電子証明書 (公的個人認証サービス) ${SAPPORO_JPKI_PAGE}`,
  '札幌市マイナンバーカードセンター: 要予約 (土日などの区役所閉庁時間帯, カードのお受け取りなど)',
  'Certificate expiring 2027-04-10 (令和9年4月10日): renewal NOT_YET_OPEN from 2027-01-11, fee 0 yen',
  expect.stringMatching(/^Note RENEWAL_WINDOW_NOT_YET_OPEN: .*2027-01-11.* one year shorter /),
  `Sources: 電子証明書の更新・発行 ${EDOGAWA_RENEWAL_PAGE}; 電子証明書 (公的個人認証サービス) ${SAPPORO_JPKI_PAGE}`,
];

function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: ROOT, timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

let kioskServer: ServerProcess;
let cityServer: ServerProcess;

beforeAll(async () => {
  // The kiosk examples must work where only persisted operations are accepted.
  [kioskServer, cityServer] = await Promise.all([
    startServer({ DATABASE_PATH: temporaryDatabasePath(), PERSISTED_ONLY: 'true' }),
    startServer({ DATABASE_PATH: temporaryDatabasePath() }),
  ]);
}, 30_000);

afterAll(async () => {
  for (const server of [kioskServer, cityServer]) server?.child.kill('SIGTERM');
  await Promise.all([kioskServer?.exited, cityServer?.exited]);
});

describe('examples/typescript: the typed kiosk client', () => {
  it('runs the kiosk flow on a persisted-only server and prints what the guide shows', async () => {
    const { code, stdout, stderr } = await run(process.execPath, ['examples/typescript/main.ts', kioskServer.url]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.split('\n').filter(Boolean).map((line) => line.replace(/; "\w+" (fits|does not fit)$/, ''))).toEqual(KIOSK_LINES);
    expect(stdout).toContain('"abc123" fits');
  }, 30_000);

  it('ships, for each kiosk file, the SHA-256 of its exact bytes as the published id', () => {
    const published = JSON.parse(read('operations/kiosk/published.json')) as Record<string, string>;
    const shipped = Object.values(KIOSK_OPERATIONS).map((operation) => {
      const file = published[operation.id];
      return { file, hash: file === undefined ? null : createHash('sha256').update(readFileSync(join(ROOT, 'operations/kiosk', file))).digest('hex') };
    });
    expect(shipped.map(({ file }) => file).sort()).toEqual([
      'convenience-store-advice.graphql',
      'convenience-store-eligibility.graphql',
      'convenience-store-guidance.graphql',
      'offices-for-procedure.graphql',
      'offices-guidance.graphql',
      'pin-guidance.graphql',
      'pin-rules.graphql',
      'renewal-guidance.graphql',
      'renewal-status.graphql',
    ]);
    expect(shipped.map(({ hash }) => hash)).toEqual(Object.values(KIOSK_OPERATIONS).map((operation) => operation.id));
  });

  it('asks, by the advice operation\'s id, for the steps before use and what no procedure cures (docs/kiosk-integrators.md, "Start here")', async () => {
    const run = kioskClient(kioskServer.url);
    // 本籍 in Sapporo, 住民登録 elsewhere: the use registration at the kiosk, documents of the domicile group only.
    const elsewhere = await run(KIOSK_OPERATIONS.convenienceStoreAdvice, { input: { birthDate: '1980-10-10', userAuthenticationExpiresOn: '2028-10-10', residentOfSapporo: false, domicileInSapporo: true, asOf: '2026-11-25' } });
    expect(elsewhere.convenienceStoreEligibility).toMatchObject({ eligible: true, stepsBeforeUse: ['USE_REGISTRATION'], eligibleAfterRemedies: true, remainingRefusals: [] });
    // Under guardianship and expired: renewing does not make the resident eligible, so no office helps.
    const guardianship = await run(KIOSK_OPERATIONS.convenienceStoreAdvice, { input: { birthDate: '1980-10-10', userAuthenticationExpiresOn: '2026-11-24', underGuardianship: true, domicileInSapporo: true, asOf: '2026-11-25' } });
    expect(guardianship.convenienceStoreEligibility).toMatchObject({ eligible: false, eligibleAfterRemedies: false, remainingRefusals: ['UNDER_GUARDIANSHIP'], minimumAgeReachedOn: null, noteCodes: [], notes: [] });
  });

  describe('the advice operation for a resident born on 29 February, and the guidance it supersedes', () => {
    // docs/domain-rules.md §2: refused for age on 28 February 2023, 15 on 1 March (the Act on the
    // Calculation of Age), although the certificates' birthday that year is 28 February (our policy).
    const LEAP_DAY_RESIDENT = { input: { birthDate: '2008-02-29', userAuthenticationExpiresOn: '2028-02-29', domicileInSapporo: true, asOf: '2023-02-28' } };
    /** POSTs a persisted id as a kiosk does, returning the status, Cache-Control and the answer. */
    async function postPersisted(id: string) {
      const response = await fetch(kioskServer.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: id } }, variables: LEAP_DAY_RESIDENT }),
      });
      return { status: response.status, cacheControl: response.headers.get('cache-control'), etag: response.headers.get('etag'), body: (await response.json()) as { data?: { convenienceStoreEligibility: Record<string, unknown> }; errors?: unknown } };
    }

    it('answers by the new id: refused for age, the day the minimum age is reached, the note naming both rules; no-store', async () => {
      const advice = await postPersisted(KIOSK_OPERATIONS.convenienceStoreAdvice.id);
      expect({ status: advice.status, cacheControl: advice.cacheControl, etag: advice.etag, errors: advice.body.errors }).toEqual({ status: 200, cacheControl: 'no-store', etag: null, errors: undefined });
      const eligibility = advice.body.data!.convenienceStoreEligibility;
      expect(eligibility).toMatchObject({ asOf: '2023-02-28', eligible: false, refusals: ['UNDER_MINIMUM_AGE'], eligibleAfterRemedies: false, remainingRefusals: ['UNDER_MINIMUM_AGE'], minimumAgeReachedOn: '2023-03-01', noteCodes: ['LEAP_DAY_BIRTHDAY_ASSUMED'] });
      const notes = eligibility.notes as { ja: string; en: string }[];
      expect(notes).toHaveLength(1);
      // Both rules, so the refusal on 28 February does not contradict the card.
      expect(notes[0]!.en).toMatch(/28 February.*1 March/s);
      expect(notes[0]!.ja).toMatch(/2月28日.*3月1日/s);
      // The typed client reads the same answer.
      const typed = await kioskClient(kioskServer.url)(KIOSK_OPERATIONS.convenienceStoreAdvice, LEAP_DAY_RESIDENT);
      expect(typed.convenienceStoreEligibility).toEqual(eligibility);
    });

    it('still answers the superseded KioskConvenienceStoreGuidance\'s id as before: the same fields, without the day or the notes, no-store', async () => {
      const [guidance, advice] = await Promise.all([postPersisted(KIOSK_OPERATIONS.convenienceStoreGuidance.id), postPersisted(KIOSK_OPERATIONS.convenienceStoreAdvice.id)]);
      expect({ status: guidance.status, cacheControl: guidance.cacheControl, errors: guidance.body.errors }).toEqual({ status: 200, cacheControl: 'no-store', errors: undefined });
      const { minimumAgeReachedOn: _day, noteCodes: _codes, notes: _notes, ...common } = advice.body.data!.convenienceStoreEligibility;
      expect(guidance.body.data!.convenienceStoreEligibility).toEqual(common);
      expect(Object.keys(guidance.body.data!.convenienceStoreEligibility)).toEqual(['asOf', 'eligible', 'stepsBeforeUse', 'refusals', 'eligibleAfterRemedies', 'remainingRefusals', 'documents', 'remedies', 'sources']);
    });
  });

  it('asks, by the renewal guidance\'s id, for the window\'s not-yet-open note naming the day it opens, with Edogawa City\'s page among its sources', async () => {
    const run = kioskClient(kioskServer.url);
    // The city page's own example (docs/domain-rules.md §3): expiry 2020-04-10, window from 2020-01-11; 2020-01-10 is too early.
    const { renewalWindow } = await run(KIOSK_OPERATIONS.renewalGuidance, { expiresOn: '2020-04-10', residentWard: 'KITA', asOf: '2020-01-10' });
    expect(renewalWindow).toMatchObject({ opensOn: '2020-01-11', phase: 'NOT_YET_OPEN', noteCodes: ['RENEWAL_WINDOW_NOT_YET_OPEN'] });
    expect(renewalWindow.notes).toHaveLength(1);
    expect(renewalWindow.notes[0]!.ja).toContain('2020年1月11日');
    expect(renewalWindow.notes[0]!.en).toContain('2020-01-11');
    expect(renewalWindow.sources).toContainEqual({ key: 'edogawa-renewal-page', title: { ja: '電子証明書の更新・発行', en: expect.any(String) }, url: EDOGAWA_RENEWAL_PAGE });
  });

  it('asks, by the PIN guidance\'s id, for J-LIS\'s page as the source of the signature PIN\'s lower-case conversion, and none for the 4-digit PIN', async () => {
    const { certificateTypes } = await kioskClient(kioskServer.url)(KIOSK_OPERATIONS.pinGuidance, {});
    const conversion = Object.fromEntries(certificateTypes.map((type) => [type.kind, type.pinRule.lowerCaseConversionSource?.url ?? null]));
    expect(conversion).toEqual({ USER_AUTHENTICATION: null, SIGNATURE: JLIS_PIN_PAGE });
    expect(certificateTypes.map((type) => type.source.url)).toEqual([SAPPORO_JPKI_PAGE, SAPPORO_JPKI_PAGE]);
  });

  it('still answers the first versions\' ids, KioskRenewalStatus and KioskPinRules, which the new operations replace', async () => {
    const run = kioskClient(kioskServer.url);
    const { renewalWindow, officesForProcedure } = await run(KIOSK_OPERATIONS.renewalStatus, { expiresOn: '2026-12-31', residentWard: 'KITA', asOf: '2026-11-25' });
    expect(renewalWindow).toEqual({ expiresOn: '2026-12-31', expiresOnWareki: '令和8年12月31日', opensOn: '2026-10-01', opensOnWareki: '令和8年10月1日', phase: 'OPEN', fee: 0 });
    expect(officesForProcedure.map((office) => office.key)).toEqual(['kita-ward-office', 'my-number-card-center']);
    const { certificateTypes } = await run(KIOSK_OPERATIONS.pinRules, {});
    expect(certificateTypes.map((type) => [type.kind, type.pinRule.lockAfterFailedAttempts])).toEqual([['USER_AUTHENTICATION', 3], ['SIGNATURE', 5]]);
  });

  it('raises the error codes of a refused request', async () => {
    const run = kioskClient(kioskServer.url);
    const unknownId = { ...KIOSK_OPERATIONS.pinGuidance, id: '0'.repeat(64) };
    const error = await run(unknownId, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KioskApiError);
    expect((error as KioskApiError).codes).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect((error as KioskApiError).message).toMatch(/^KioskPinGuidance: HTTP 400: PERSISTED_QUERY_NOT_FOUND: /);
  });

  it(`commits ${GENERATED} exactly as npm run codegen writes it from codegen.ts`, async () => {
    const outputs: { filename: string; content: string }[] = await generate({ ...codegenConfig, cwd: ROOT, silent: true }, false);
    expect(outputs.map((output) => output.filename)).toEqual([GENERATED]);
    expect(outputs[0]!.content, 'out of date: run `npm run codegen` and commit the result').toBe(read(GENERATED));
  }, 30_000);

  it('compiles under strict TypeScript (examples/typescript/tsconfig.json)', () => {
    const tsc = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', join(ROOT, 'examples/typescript')], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 60_000);
});

// Locally a machine without python3 skips; CI has it, and there this must run.
describe.skipIf(!hasPython && !process.env.CI)('examples/python: standard library only', () => {
  it('runs the kiosk flow on a persisted-only server, and is refused its own query there', async () => {
    const { code, stdout, stderr } = await run('python3', ['examples/python/kiosk.py', kioskServer.url]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout.split('\n').filter(Boolean)).toEqual([...KIOSK_LINES, 'Own query: PERSISTED_QUERY_ONLY (HTTP 400)']);
  }, 30_000);

  it('runs the city-app flow and prints what the city-apps guide shows', async () => {
    const { code, stdout, stderr } = await run('python3', ['examples/python/city_app.py', cityServer.url]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    // docs/city-apps.md: 11 offices, Nishi's office and the card centre, a 1980-10-10 birth date's dates.
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      'Offices: 11 of 11, first chuo-ward-office, last my-number-card-center',
      'Renew in Nishi: 西区役所 / Nishi Ward Office, 011-641-6936',
      'Renew in Nishi: 札幌市マイナンバーカードセンター / Sapporo My Number Card Center, (no phone listed)',
      'On 令和6年8月1日: user authentication RENEWABLE, expires 2024-10-10 (令和6年10月10日), renewal OPEN from 2024-07-11',
      'Unknown ward: BAD_USER_INPUT (HTTP 400)',
    ]);
  }, 30_000);

  it('never puts the birth dates the examples send in the server log', () => {
    for (const birthDate of ['1980-10-10', '2008-02-29']) expect(kioskServer.stdout() + cityServer.stdout()).not.toContain(birthDate);
  });
});

/**
 * A stand-in for the API that answers each request with the next of `answers`, for what the
 * clients do with a 429, a 503 and a proxy's error page, which the real server gives only slowly
 * or never (docs/kiosk-integrators.md, "Errors": wait `Retry-After` seconds and retry).
 */
async function scriptedApi(answers: { status: number; headers?: Record<string, string>; body: string }[]): Promise<{ url: string; requests: () => number; close: () => void }> {
  let served = 0;
  const server = createHttpServer((request, response) => {
    request.resume();
    const answer = answers[Math.min(served++, answers.length - 1)]!;
    response.writeHead(answer.status, { 'content-type': 'application/graphql-response+json', ...answer.headers }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, requests: () => served, close: () => server.close() };
}

const UNAVAILABLE = { status: 503, headers: { 'retry-after': '1' }, body: '{"errors":[{"message":"The data is temporarily unavailable; retry later.","extensions":{"code":"SERVICE_UNAVAILABLE"}}]}' };
const LIMITED = { status: 429, headers: { 'retry-after': '60' }, body: '{"errors":[{"message":"Too many requests; retry in 60 s.","extensions":{"code":"RATE_LIMITED","retryAfter":60}}]}' };
const PIN_GUIDANCE = { status: 200, body: '{"data":{"certificateTypes":[]}}' };
const PROXY_PAGE = { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' };

describe('the kiosk clients and answers that say when to try again', () => {
  it('typescript: waits out a short Retry-After once, then answers', async () => {
    const api = await scriptedApi([UNAVAILABLE, PIN_GUIDANCE]);
    try {
      const started = Date.now();
      expect(await kioskClient(api.url)(KIOSK_OPERATIONS.pinGuidance, {})).toEqual({ certificateTypes: [] });
      expect(api.requests()).toBe(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    } finally {
      api.close();
    }
  });

  it('typescript: raises a long Retry-After at once, with the status and the seconds; and a page that is not JSON with its status', async () => {
    const api = await scriptedApi([LIMITED, PROXY_PAGE]);
    try {
      const run = kioskClient(api.url);
      const limited = (await run(KIOSK_OPERATIONS.pinGuidance, {}).catch((caught: unknown) => caught)) as KioskApiError;
      expect({ status: limited.status, codes: limited.codes, retryAfterSeconds: limited.retryAfterSeconds }).toEqual({ status: 429, codes: ['RATE_LIMITED'], retryAfterSeconds: 60 });
      const page = (await run(KIOSK_OPERATIONS.pinGuidance, {}).catch((caught: unknown) => caught)) as KioskApiError;
      expect(page).toBeInstanceOf(KioskApiError);
      expect(page.status).toBe(502);
      expect(api.requests()).toBe(2);
    } finally {
      api.close();
    }
  });

  it.skipIf(!hasPython && !process.env.CI)('python: waits out a short Retry-After once; raises a long one with retry_after, and a page that is not JSON with its status', async () => {
    const api = await scriptedApi([UNAVAILABLE, PIN_GUIDANCE, LIMITED, PROXY_PAGE]);
    try {
      const script = [
        'import sys; sys.path.insert(0, "examples/python")',
        'from jpki_client import Client, ApiError',
        'api = Client(sys.argv[1])',
        'print(api.persisted("6899c644a2a72ac3380fc3c412f3656eefb413eb1ff1273be6301330f9d3c0cc"))',
        'for _ in range(2):',
        '    try: api.persisted("6899c644a2a72ac3380fc3c412f3656eefb413eb1ff1273be6301330f9d3c0cc")',
        '    except ApiError as error: print(error.status, error.codes, error.retry_after)',
      ].join('\n');
      const { code, stdout, stderr } = await run('python3', ['-c', script, api.url]);
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout.trim().split('\n')).toEqual(["{'certificateTypes': []}", "429 ['RATE_LIMITED'] 60", "502 ['UNKNOWN'] None"]);
      expect(api.requests()).toBe(4);
    } finally {
      api.close();
    }
  });
});

describe('both kiosk flows (after they ran)', () => {
  // docs/kiosk-integrators.md: these two take personal data, a birth date, or an expiry date that
  // is the holder's birthday; sent by POST, never in a URL that proxies and CDNs log.
  const PERSONAL = ['KioskConvenienceStoreEligibility', 'KioskConvenienceStoreGuidance', 'KioskConvenienceStoreAdvice', 'KioskRenewalStatus', 'KioskRenewalGuidance'];

  it('send the operations that take personal data by POST only', () => {
    const lines = kioskServer
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { operationName?: string; method?: string })
      .filter((line) => PERSONAL.includes(line.operationName ?? ''));
    const flows = hasPython || process.env.CI ? 2 : 1;
    // Each flow asks for two renewal windows (a test above asks for one more) and two eligibilities.
    expect(lines.filter((line) => line.operationName === 'KioskRenewalGuidance').length).toBeGreaterThanOrEqual(2 * flows);
    expect(lines.filter((line) => line.operationName === 'KioskConvenienceStoreAdvice').length).toBeGreaterThanOrEqual(2 * flows);
    expect(lines.map((line) => line.method)).toEqual(Array(lines.length).fill('POST'));
  });
});
