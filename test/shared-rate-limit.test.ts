import { copyFileSync, renameSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabaseFile } from '../src/db/prepare-file.ts';
import { temporaryDatabasePath } from './support/app.ts';
import { freePort, hasRedisServer, startRedis, type RedisProcess } from './support/redis-server.ts';
import { STARTUP_LIMIT_MS } from './support/readiness.ts';
import { versioned, versionsOf, type VersionedAnswer } from './support/seed.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';

const BUDGET = 10;
const FALLBACK_LINE = `"msg":"Redis unavailable; rate limits use this process's own budget until it is back"`;
const BACK_LINE = '"msg":"Redis is back; rate limits use the shared budget again"';
const CONNECTED_LINE = '"msg":"Redis connected; rate limits use the shared budget"';
const DATABASE_REFUSED_LINE = `"msg":"Redis refused the database REDIS_URL names; rate limits use this process's own budget until the setting is changed"`;

interface Answer {
  status: number;
  retryAfter: string | null;
  policy: string | null;
  /** `r` of the RateLimit field: the requests left. */
  remaining: number;
}

/** POSTs `body` (by default a query that counts one request) and reads where the client stands. */
async function ask(server: ServerProcess, body = '{"query":"{ notices { key } }"}'): Promise<Answer> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body,
  });
  await response.arrayBuffer();
  const remaining = /^"default";r=(\d+);t=\d+$/.exec(response.headers.get('ratelimit') ?? '')?.[1];
  return { status: response.status, retryAfter: response.headers.get('retry-after'), policy: response.headers.get('ratelimit-policy'), remaining: Number(remaining) };
}

const count = (text: string, line: string) => text.split(line).length - 1;

async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting: ${what}`);
}

/** Until every server has connected to Redis: a request before is counted on its local budget, and these tests count the shared one. */
function untilConnected(...servers: ServerProcess[]): Promise<void> {
  return waitFor(async () => servers.every((server) => server.stdout().includes(CONNECTED_LINE)), 'every process connected to Redis');
}

/** Log lines are written at the end of the event loop's turn, so a line may follow its answer by a moment. */
async function expectLogged(server: { stdout(): string }, line: string, times: number): Promise<void> {
  await waitFor(async () => count(server.stdout(), line) >= times, `${times} × ${line}`);
  expect(count(server.stdout(), line)).toBe(times);
}

describe('a Redis that cannot be reached at start', () => {
  it('is logged as unavailable with the reason before any request comes, and the local budget answers', async () => {
    const port = await freePort();
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), REDIS_URL: `redis://127.0.0.1:${port}`, RATE_LIMIT_PER_MINUTE: '1000', LOG_LEVEL: 'info' });
    try {
      await expectLogged(server, FALLBACK_LINE, 1);
      expect(server.stdout().split('\n').find((text) => text.includes(FALLBACK_LINE))).toContain('ECONNREFUSED');
      expect(server.stdout()).not.toContain('"path":"/graphql"');
      expect((await ask(server)).status).toBe(200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  }, 30_000);
});

if (!hasRedisServer) {
  describe('rate limits shared through Redis', () => {
    it.skip('needs redis-server on PATH (apt-get install redis-server; .ci/run installs it)', () => {});
  });
} else {
  describe('rate limits shared through Redis', () => {
    let redis: RedisProcess;
    let first: ServerProcess;
    let second: ServerProcess;

    beforeAll(async () => {
      redis = await startRedis(await freePort());
      // Two "machines": separate processes, each with its own database file, one Redis.
      // A second to answer: these tests count the shared budget exactly, which a Redis slowed by a
      // busy test machine must not turn into the local one. The paused-Redis tests wait that long once.
      const env = { REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: String(BUDGET), LOG_LEVEL: 'info', REDIS_TIMEOUT_MS: '1000' };
      [first, second] = await Promise.all([
        startServer({ ...env, DATABASE_PATH: temporaryDatabasePath() }),
        startServer({ ...env, DATABASE_PATH: temporaryDatabasePath() }),
      ]);
      await untilConnected(first, second);
    }, STARTUP_LIMIT_MS);

    afterAll(async () => {
      for (const server of [first, second]) server?.child.kill('SIGTERM');
      await Promise.all([first?.exited, second?.exited]);
      await redis?.kill();
    });

    it('lets two processes together answer one budget, then refuses with Retry-After', async () => {
      const answers: Answer[] = [];
      for (let i = 0; i < BUDGET + 6; i++) answers.push(await ask(i % 2 === 0 ? first : second));
      const allowed = answers.filter((answer) => answer.status === 200);
      expect(allowed).toHaveLength(BUDGET);
      // One counter: the requests left fall by one per request, whichever process answered.
      expect(allowed.map((answer) => answer.remaining)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      for (const refused of answers.slice(BUDGET)) {
        expect(refused.status).toBe(429);
        expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
        expect(refused.remaining).toBe(0);
      }
      expect(new Set(answers.map((answer) => answer.policy))).toEqual(new Set([`"default";q=${BUDGET};w=60`]));
    });

    it('keeps answering on the local budget while Redis does not answer, stays ready, and logs it once', async () => {
      redis.child.kill('SIGSTOP');
      try {
        const answers = [await ask(first), await ask(first), await ask(first)];
        // The shared budget is spent, so these 200s come from the process's own budget.
        expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
        expect(answers.map((answer) => answer.remaining)).toEqual([9, 8, 7]);
        expect((await fetch(new URL('/ready', first.url))).status).toBe(200);
        await expectLogged(first, FALLBACK_LINE, 1);
      } finally {
        redis.child.kill('SIGCONT');
      }
      // For a second after Redis failed, requests count on the local budget without asking it; then
      // one asks, Redis answers again, its spent budget refuses, and the return is logged once.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await waitFor(async () => (await ask(first)).status === 429, 'the shared budget refusing again');
      await expectLogged(first, BACK_LINE, 1);
    }, 15_000);

    it('survives Redis stopping and uses the shared budget again once it is back', async () => {
      const port = redis.port;
      await redis.kill();
      const during = [await ask(first), await ask(second), await ask(second)];
      expect(during.map((answer) => answer.status)).toEqual([200, 200, 200]);
      expect((await fetch(new URL('/ready', second.url))).status).toBe(200);
      await expectLogged(first, FALLBACK_LINE, 2);
      await expectLogged(second, FALLBACK_LINE, 1);

      redis = await startRedis(port);
      for (const server of [first, second]) {
        await waitFor(async () => {
          await ask(server);
          return server.stdout().includes(BACK_LINE) && count(server.stdout(), BACK_LINE) === count(server.stdout(), FALLBACK_LINE);
        }, 'the client reconnecting');
      }
      // The restarted Redis holds a fresh budget that both processes count down together.
      const after = [await ask(first), await ask(second), await ask(first), await ask(second)];
      expect(after.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
      const start = after[0]!.remaining;
      expect(after.map((answer) => answer.remaining)).toEqual([start, start - 1, start - 2, start - 3]);
      await expectLogged(first, BACK_LINE, 2);
      await expectLogged(second, BACK_LINE, 1);
    }, 30_000);
  });

  describe('a paused Redis', () => {
    let redis: RedisProcess;
    let server: ServerProcess;
    let observer: Redis;

    beforeAll(async () => {
      redis = await startRedis(await freePort());
      observer = new Redis(redis.url);
      server = await startServer({ REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: '100000', LOG_LEVEL: 'info', DATABASE_PATH: temporaryDatabasePath() });
      await untilConnected(server);
    }, 30_000);

    afterAll(async () => {
      server?.child.kill('SIGTERM');
      await server?.exited;
      observer?.disconnect();
      await redis?.kill();
    });

    /** Commands Redis has run before this INFO (which is counted once it has answered). */
    const processed = async () => Number(/^total_commands_processed:(\d+)/m.exec(await observer.info('stats'))![1]);

    it('is asked by one request at most per second while it does not answer: the others count on the local budget', async () => {
      // What one request costs Redis when it answers (rate-limiter-flexible's script); each `- 1` is the previous INFO.
      const warm = await processed();
      for (let i = 0; i < 5; i++) expect((await ask(server)).status).toBe(200);
      const perRequest = ((await processed()) - warm - 1) / 5;
      expect(perRequest).toBeGreaterThan(0);

      const before = await processed();
      redis.child.kill('SIGSTOP');
      const started = performance.now();
      const answers: Answer[] = [];
      try {
        for (let i = 0; i < 40; i++) answers.push(await ask(server));
      } finally {
        redis.child.kill('SIGCONT');
      }
      const seconds = (performance.now() - started) / 1000;
      expect(answers.map((answer) => answer.status)).toEqual(Array(40).fill(200));
      // The commands sent during the pause waited in the socket; Redis runs them once it runs again.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const sent = ((await processed()) - before - 1) / perRequest;
      expect(sent).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
      await expectLogged(server, FALLBACK_LINE, 1);
    }, 30_000);
  });

  describe('operations counted by their cost, through Redis', () => {
    let redis: RedisProcess;
    let first: ServerProcess;
    let second: ServerProcess;
    /** Ten inputs of the analysts' batch tab: cost 1 + 24 × 10 (18 fields and 6 for each computation), four requests at 80 a request. */
    const batch = JSON.stringify({
      query: 'query ($inputs: [CertificateValidityInput!]!) { certificateValidities(inputs: $inputs) { asOf userAuthentication { issuable expiresOn birthdayCount status renewal { opensOn phase } } signature { issuable expiresOn birthdayCount status renewal { opensOn phase } } noteCodes } }',
      variables: { inputs: Array.from({ length: 10 }, () => ({ birthDate: '1980-01-15', issuedOn: '2021-03-01', asOf: '2025-06-02' })) },
    });

    beforeAll(async () => {
      redis = await startRedis(await freePort());
      const env = { REDIS_URL: redis.url, RATE_LIMIT_PER_MINUTE: String(BUDGET), RATE_LIMIT_COST_PER_REQUEST: '80', LOG_LEVEL: 'info', REDIS_TIMEOUT_MS: '1000' };
      [first, second] = await Promise.all([startServer({ ...env, DATABASE_PATH: temporaryDatabasePath() }), startServer({ ...env, DATABASE_PATH: temporaryDatabasePath() })]);
      await untilConnected(first, second);
    }, STARTUP_LIMIT_MS);

    afterAll(async () => {
      for (const server of [first, second]) server?.child.kill('SIGTERM');
      await Promise.all([first?.exited, second?.exited]);
      await redis?.kill();
    });

    it('takes a batch by its cost from the one budget, and gives back what a refused one asked beyond its request', async () => {
      // 10 in the window: 4 for each batch, whichever process runs it.
      expect(await ask(first, batch)).toMatchObject({ status: 200, remaining: 6 });
      expect(await ask(second, batch)).toMatchObject({ status: 200, remaining: 2 });
      // Two left: the batch's own request takes one; the three more it needs are refused and given back.
      const refused = await ask(first, batch);
      expect(refused).toMatchObject({ status: 429, remaining: 1 });
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      // So the last request of the window is still there, for the other process too.
      expect(await ask(second)).toMatchObject({ status: 200, remaining: 0 });
    });
  });

  describe('a Redis that refuses the password', () => {
    it('is logged as unavailable at start with the reason Redis gave, never the password, and the local budget answers', async () => {
      const redis = await startRedis(await freePort(), { password: 'server-pw-4c1e' });
      const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), REDIS_URL: `redis://:client-pw-9d2b@127.0.0.1:${redis.port}`, RATE_LIMIT_PER_MINUTE: '1000', LOG_LEVEL: 'info' });
      try {
        await expectLogged(server, FALLBACK_LINE, 1);
        const line = server.stdout().split('\n').find((text) => text.includes(FALLBACK_LINE));
        expect(line).toContain('WRONGPASS');
        expect((await ask(server)).status).toBe(200);
        expect(server.stdout() + server.stderr()).not.toContain('client-pw-9d2b');
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
        await redis.kill();
      }
    }, 30_000);
  });

  // A second operator probe (2026-12-06): SELECT 99 failed (Redis has 16 databases), ioredis went on
  // as ready all the same, and every client's budget was kept in database 0, without a word.
  describe('a Redis database out of range', () => {
    it('is logged at start with the reason Redis gave, the local budget answers, and nothing is written to database 0', async () => {
      const redis = await startRedis(await freePort());
      const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), REDIS_URL: `redis://127.0.0.1:${redis.port}/99`, RATE_LIMIT_PER_MINUTE: '1000', LOG_LEVEL: 'info' });
      const inspector = new Redis(`redis://127.0.0.1:${redis.port}/0`);
      try {
        await expectLogged(server, DATABASE_REFUSED_LINE, 1);
        expect(server.stdout().split('\n').find((text) => text.includes(DATABASE_REFUSED_LINE))).toContain('DB index is out of range');
        expect((await ask(server)).status).toBe(200);
        // Past the second after which a fallen-back process asks Redis again.
        await new Promise((resolve) => setTimeout(resolve, 1_200));
        expect((await ask(server)).remaining).toBe(998);
        expect(await inspector.keys('*')).toEqual([]);
        expect(count(server.stdout(), BACK_LINE)).toBe(0);
      } finally {
        inspector.disconnect();
        server.child.kill('SIGTERM');
        await server.exited;
        await redis.kill();
      }
    }, 30_000);
  });

  // A race probe (2026-12-07): a request took its connection and the rule values before it waited
  // on Redis for its cost; a file swapped meanwhile gave it the new rules beside the old rows, and
  // two checks during the wait closed its connection under it (an INTERNAL_SERVER_ERROR).
  describe('a database file swapped while requests wait on a slow Redis', () => {
    let redis: RedisProcess;
    let proxy: Server;
    let server: ServerProcess;
    const databasePath = temporaryDatabasePath();
    const query = '{ offices(first: 100) { nodes { name { en } } } certificateTypes { validityBirthdays } }';
    beforeAll(async () => {
      redis = await startRedis(await freePort());
      // Every chunk either way waits 150 ms: each charge takes at least 300 ms.
      proxy = createServer((client) => {
        const upstream = connect(redis.port, '127.0.0.1');
        client.on('data', (chunk) => setTimeout(() => upstream.write(chunk), 150));
        upstream.on('data', (chunk) => setTimeout(() => client.write(chunk), 150));
        for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
          a.on('error', () => b.destroy());
          a.on('close', () => b.destroy());
        }
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      const proxyPort = (proxy.address() as AddressInfo).port;
      server = await startServer({
        DATABASE_PATH: databasePath,
        REDIS_URL: `redis://127.0.0.1:${proxyPort}`,
        REDIS_TIMEOUT_MS: '3000',
        RATE_LIMIT_PER_MINUTE: '1000000',
        // Every operation costs more than one request: a second charge, after the context is made.
        RATE_LIMIT_COST_PER_REQUEST: '1',
        DATA_CHECK_INTERVAL_MS: '50',
        LOG_LEVEL: 'info',
      });
      await untilConnected(server);
    }, STARTUP_LIMIT_MS);

    afterAll(async () => {
      server?.child.kill('SIGTERM');
      await server?.exited;
      proxy?.close();
      await redis?.kill();
    });

    it('answers each request from one file whole, old or new, never with an error', async () => {
      const answers: Promise<{ status: number; body: { data: VersionedAnswer; errors?: unknown[] } }>[] = [];
      for (const version of [1, 2, 3]) {
        const next = `${databasePath}.v${version}`;
        copyFileSync(databasePath, next);
        prepareDatabaseFile(next, versioned(version));
        for (let i = 0; i < 6; i++) {
          answers.push(fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query: `${query} # ${version} ${i}` }) }).then(async (response) => ({ status: response.status, body: (await response.json()) as never })));
          if (i === 2) renameSync(next, databasePath);
          await new Promise((resolve) => setTimeout(resolve, 60));
        }
      }
      const settled = await Promise.all(answers);
      expect(settled.map((answer) => [answer.status, answer.body.errors ?? []])).toEqual(settled.map(() => [200, []]));
      const mixed = settled.map((answer) => versionsOf(answer.body.data)).filter((versions) => versions.rows.length !== 1 || versions.rows[0] !== versions.rules[0]);
      expect(mixed).toEqual([]);
    }, 60_000);
  });
}
