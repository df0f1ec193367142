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

/** The kiosk flow's lines, from docs/kiosk-integrators.md: Kita's office and the card centre, the window of a 2026-12-31 expiry. */
const KIOSK_LINES = [
  'PIN USER_AUTHENTICATION: 4-4 characters, locks after 3 wrong tries',
  'PIN SIGNATURE: 6-16 characters, locks after 5 wrong tries',
  'Convenience-store issuance on 2026-11-25: no (CERTIFICATE_EXPIRED, PIN_LOCKED)',
  'Renewal of the electronic certificates: 北区役所 011-757-2412; 札幌市マイナンバーカードセンター (no phone listed)',
  'PIN re-initialisation and re-setting: 北区役所 011-757-2412; 札幌市マイナンバーカードセンター (no phone listed)',
  'Certificate expiring 2026-12-31 (令和8年12月31日): renewal OPEN since 2026-10-01, fee 0 yen',
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
    expect(shipped.map(({ file }) => file).sort()).toEqual(['convenience-store-eligibility.graphql', 'convenience-store-guidance.graphql', 'offices-for-procedure.graphql', 'pin-rules.graphql', 'renewal-status.graphql']);
    expect(shipped.map(({ hash }) => hash)).toEqual(Object.values(KIOSK_OPERATIONS).map((operation) => operation.id));
  });

  it('asks, by the guidance operation\'s id, for the steps before use and what no procedure cures (docs/kiosk-integrators.md, "Start here")', async () => {
    const run = kioskClient(kioskServer.url);
    // 本籍 in Sapporo, 住民登録 elsewhere: the use registration at the kiosk, documents of the domicile group only.
    const elsewhere = await run(KIOSK_OPERATIONS.convenienceStoreGuidance, { input: { birthDate: '1980-10-10', userAuthenticationExpiresOn: '2028-10-10', residentOfSapporo: false, domicileInSapporo: true, asOf: '2026-11-25' } });
    expect(elsewhere.convenienceStoreEligibility).toMatchObject({ eligible: true, stepsBeforeUse: ['USE_REGISTRATION'], eligibleAfterRemedies: true, remainingRefusals: [] });
    // Under guardianship and expired: renewing does not make the resident eligible, so no office helps.
    const guardianship = await run(KIOSK_OPERATIONS.convenienceStoreGuidance, { input: { birthDate: '1980-10-10', userAuthenticationExpiresOn: '2026-11-24', underGuardianship: true, domicileInSapporo: true, asOf: '2026-11-25' } });
    expect(guardianship.convenienceStoreEligibility).toMatchObject({ eligible: false, eligibleAfterRemedies: false, remainingRefusals: ['UNDER_GUARDIANSHIP'] });
  });

  it('raises the error codes of a refused request', async () => {
    const run = kioskClient(kioskServer.url);
    const unknownId = { ...KIOSK_OPERATIONS.pinRules, id: '0'.repeat(64) };
    const error = await run(unknownId, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KioskApiError);
    expect((error as KioskApiError).codes).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expect((error as KioskApiError).message).toMatch(/^KioskPinRules: HTTP 400: PERSISTED_QUERY_NOT_FOUND: /);
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

  it('never puts the birth date the examples send in the server log', () => {
    expect(kioskServer.stdout() + cityServer.stdout()).not.toContain('1980-10-10');
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
const PIN_RULES = { status: 200, body: '{"data":{"certificateTypes":[]}}' };
const PROXY_PAGE = { status: 502, headers: { 'content-type': 'text/html' }, body: '<html>Bad Gateway</html>' };

describe('the kiosk clients and answers that say when to try again', () => {
  it('typescript: waits out a short Retry-After once, then answers', async () => {
    const api = await scriptedApi([UNAVAILABLE, PIN_RULES]);
    try {
      const started = Date.now();
      expect(await kioskClient(api.url)(KIOSK_OPERATIONS.pinRules, {})).toEqual({ certificateTypes: [] });
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
      const limited = (await run(KIOSK_OPERATIONS.pinRules, {}).catch((caught: unknown) => caught)) as KioskApiError;
      expect({ status: limited.status, codes: limited.codes, retryAfterSeconds: limited.retryAfterSeconds }).toEqual({ status: 429, codes: ['RATE_LIMITED'], retryAfterSeconds: 60 });
      const page = (await run(KIOSK_OPERATIONS.pinRules, {}).catch((caught: unknown) => caught)) as KioskApiError;
      expect(page).toBeInstanceOf(KioskApiError);
      expect(page.status).toBe(502);
      expect(api.requests()).toBe(2);
    } finally {
      api.close();
    }
  });

  it.skipIf(!hasPython && !process.env.CI)('python: waits out a short Retry-After once; raises a long one with retry_after, and a page that is not JSON with its status', async () => {
    const api = await scriptedApi([UNAVAILABLE, PIN_RULES, LIMITED, PROXY_PAGE]);
    try {
      const script = [
        'import sys; sys.path.insert(0, "examples/python")',
        'from jpki_client import Client, ApiError',
        'api = Client(sys.argv[1])',
        'print(api.persisted("b13b92b6a8662700bbcccb652e717e2c0be72c34b181f7fa42a0a03c9f8ee3f1"))',
        'for _ in range(2):',
        '    try: api.persisted("b13b92b6a8662700bbcccb652e717e2c0be72c34b181f7fa42a0a03c9f8ee3f1")',
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
  const PERSONAL = ['KioskConvenienceStoreEligibility', 'KioskConvenienceStoreGuidance', 'KioskRenewalStatus'];

  it('send the operations that take personal data by POST only', () => {
    const lines = kioskServer
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { operationName?: string; method?: string })
      .filter((line) => PERSONAL.includes(line.operationName ?? ''));
    const flows = hasPython || process.env.CI ? 2 : 1;
    expect(lines.filter((line) => line.operationName === 'KioskRenewalStatus')).toHaveLength(flows);
    expect(lines.map((line) => line.method)).toEqual(Array(lines.length).fill('POST'));
  });
});
