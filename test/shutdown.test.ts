import { request as httpRequest } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { temporaryDatabasePath } from './support/app.ts';
import { freePort } from './support/redis-server.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';
import { childrenOf, eventually, exchange, listeningPorts, logLines, openSocket, rawExchange } from './support/sockets.ts';

describe('graceful shutdown', () => {
  it('finishes in-flight requests after SIGTERM, refuses new connections, and exits 0', async () => {
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), SHUTDOWN_TIMEOUT_MS: '5000' });
    const url = new URL(server.url);
    const body = JSON.stringify({ query: '{ offices { totalCount } }' });

    // A request whose body is still arriving when the signal comes.
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, path: '/graphql', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 200);
    });

    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).data).toEqual({ offices: { totalCount: 11 } });
    const started = Date.now();
    expect(await server.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).rejects.toThrow();
    expect(server.stdout()).toContain('"msg":"stopped"');
  }, 30_000);
});

describe('a stop while the trace collector is down', () => {
  // docs/deployment.md, "Graceful shutdown": buffered spans are sent before the exit, which still
  // comes with `stopped`, exit code 0 and within SHUTDOWN_TIMEOUT_MS, whatever the collector does.
  it.each(['refuses connections', 'accepts them and never answers'])('when the collector %s: exits 0 within SHUTDOWN_TIMEOUT_MS, with one line for the spans lost and no stack', async (behaviour) => {
    const silent = createNetServer(() => {});
    const port = behaviour === 'refuses connections' ? await freePort() : await new Promise<number>((resolve) => silent.listen(0, '127.0.0.1', () => resolve((silent.address() as AddressInfo).port)));
    try {
      const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, SHUTDOWN_TIMEOUT_MS: '2000', SHUTDOWN_DRAIN_MS: '0' });
      expect((await exchange(server.url, { method: 'POST', body: QUERY }).outcome) as { status: number }).toMatchObject({ status: 200 });
      const started = Date.now();
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(2_000 + 1_000);
      expect(server.stderr()).toBe('');
      const lines = logLines(server.stdout());
      expect(lines.filter((line) => line.msg === 'spans not sent at stop')).toHaveLength(1);
      expect(lines.at(-1)).toMatchObject({ msg: 'stopped' });
    } finally {
      silent.close();
    }
  }, 30_000);
});

const QUERY = JSON.stringify({ query: '{ offices { totalCount } }' });
/** How the answer to QUERY begins; its `extensions` (cost, schema version) follow. */
const ANSWER = '{"data":{"offices":{"totalCount":11}}';
/** An answer's text up to its data, so answers compare whatever their extensions say. */
const upToData = (text: string) => (text.startsWith(ANSWER) ? ANSWER : text);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function stopped(server: ServerProcess): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await server.exited;
}

describe('the processes of a start', () => {
  it('by default: the process that starts serves, alone, and its listening line names it', async () => {
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath() });
    try {
      expect(server.pid).toBe(server.child.pid);
      expect(childrenOf(server.pid)).toEqual([]);
      expect(await exchange(server.url, { method: 'POST', body: QUERY }).outcome).toMatchObject({ status: 200, text: expect.stringContaining(ANSWER) });
    } finally {
      await stopped(server);
    }
  }, 30_000);

  it('with WEB_CONCURRENCY=2: the listening lines name the primary, and signalling it stops every process', async () => {
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), WEB_CONCURRENCY: '2' });
    try {
      await eventually(() => logLines(server.stdout()).filter((line) => line.msg === 'listening').length === 2, 'both workers listening');
      const listening = logLines(server.stdout()).filter((line) => line.msg === 'listening');
      expect(listening.map((line) => line.pid)).toEqual([server.child.pid, server.child.pid]);
      const workers = childrenOf(server.pid);
      expect(workers).toHaveLength(2);
      process.kill(server.pid, 'SIGTERM');
      expect(await server.exited).toBe(0);
      for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      await stopped(server);
    }
  }, 30_000);
});

// An operator probe (2026-12-06): the primary waited for every worker to exit, with no deadline, so
// one stuck worker kept the whole service up, and its port open, for ever.
describe('a worker that does not stop', () => {
  it('is killed once SHUTDOWN_TIMEOUT_MS has passed, and the primary exits, saying so once', async () => {
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), WEB_CONCURRENCY: '2', SHUTDOWN_TIMEOUT_MS: '1000', SHUTDOWN_DRAIN_MS: '0' });
    let stuck: number | undefined;
    try {
      await eventually(() => logLines(server.stdout()).filter((line) => line.msg === 'listening').length === 2, 'both workers listening');
      const workers = childrenOf(server.pid);
      stuck = workers[0]!;
      process.kill(stuck, 'SIGSTOP');
      const started = Date.now();
      process.kill(server.pid, 'SIGTERM');
      expect(await server.exited).toBe(1);
      expect(Date.now() - started).toBeLessThan(1_000 + 3_000);
      for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
      expect(logLines(server.stdout()).filter((line) => line.msg === 'workers not stopped by SHUTDOWN_TIMEOUT_MS; killing them')).toEqual([
        expect.objectContaining({ level: 'error', pids: String(stuck), timeoutMs: 1000 }),
      ]);
    } finally {
      if (stuck !== undefined) {
        try {
          process.kill(stuck, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
      await stopped(server);
    }
  }, 30_000);
});

describe('requests that reached a busy server before SIGTERM', () => {
  it('are every one answered, then the server exits 0', async () => {
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), RATE_LIMIT_PER_MINUTE: '0', SHUTDOWN_TIMEOUT_MS: '10000' });
    try {
      // A stopped process stands for a busy one: the kernel accepts the connections and takes
      // their bytes, and the process reads none of them until it runs again, SIGTERM pending.
      process.kill(server.pid, 'SIGSTOP');
      const requests = Array.from({ length: 20 }, () => exchange(server.url, { method: 'POST', body: QUERY }));
      await Promise.all(requests.map((request) => request.written));
      process.kill(server.pid, 'SIGTERM');
      process.kill(server.pid, 'SIGCONT');
      const outcomes = await Promise.all(requests.map((request) => request.outcome));
      expect(outcomes.map((outcome) => ('error' in outcome ? outcome.error : `${outcome.status} ${upToData(outcome.text)}`))).toEqual(Array(20).fill(`200 ${ANSWER}`));
      expect(await server.exited).toBe(0);
    } finally {
      await stopped(server);
    }
  }, 30_000);
});

describe('a server draining after SIGTERM', () => {
  it('is not ready at once, answers with connection: close, then refuses new connections while a request in flight finishes', async () => {
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), SHUTDOWN_DRAIN_MS: '500', SHUTDOWN_TIMEOUT_MS: '10000' });
    try {
      // A request whose body is still arriving when the listener closes.
      const slow = await openSocket(server.url);
      let slowAnswer = '';
      slow.on('data', (chunk) => (slowAnswer += chunk));
      const slowClosed = new Promise((resolve) => slow.on('close', resolve));
      slow.write(`POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${QUERY.length}\r\n\r\n${QUERY.slice(0, 10)}`);

      process.kill(server.pid, 'SIGTERM');
      // Once the process has taken the signal (a request read in the same turn may still be answered as before).
      await eventually(() => server.stdout().includes('"msg":"shutting down"'), 'the signal taken');
      const ready = await exchange(server.url, { path: '/ready' }).outcome;
      expect(ready).toMatchObject({ status: 503 });
      expect(JSON.parse((ready as { text: string }).text)).toEqual({ status: 'not ready', migrationsApplied: true, dataPresent: true, reason: 'shutting down' });
      // A client that would keep its connection is told it closes.
      const kept = await rawExchange(server.url, 'GET /health HTTP/1.1\r\nhost: x\r\n\r\n');
      expect(kept).toMatch(/^HTTP\/1\.1 200 /);
      expect(kept.toLowerCase()).toContain('\r\nconnection: close\r\n');

      // A connection opened during the drain is served; once the listener has closed, one is refused.
      expect(await exchange(server.url, { path: '/health' }).outcome).toMatchObject({ status: 200 });
      await eventually(() => server.stdout().includes('"msg":"stopped accepting connections"'), 'the listener closed');
      expect(await exchange(server.url, { path: '/health' }).outcome).toEqual({ error: 'ECONNREFUSED' });

      slow.end(QUERY.slice(10));
      await slowClosed;
      expect(slowAnswer).toMatch(/^HTTP\/1\.1 200 /);
      expect(slowAnswer.includes(ANSWER)).toBe(true);
      expect(await server.exited).toBe(0);
      const events = logLines(server.stdout()).flatMap((line) => (line.requestId === undefined ? [line.msg] : []));
      expect(events.slice(-3)).toEqual(['shutting down', 'stopped accepting connections', 'stopped']);
    } finally {
      await stopped(server);
    }
  }, 30_000);

  it('drains on SIGHUP as on SIGTERM', async () => {
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), SHUTDOWN_DRAIN_MS: '200' });
    try {
      const slow = await openSocket(server.url);
      let answer = '';
      slow.on('data', (chunk) => (answer += chunk));
      const closed = new Promise((resolve) => slow.on('close', resolve));
      slow.write(`POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${QUERY.length}\r\n\r\n${QUERY.slice(0, 10)}`);
      await sleep(100);
      process.kill(server.pid, 'SIGHUP');
      await sleep(300);
      slow.end(QUERY.slice(10));
      await closed;
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
      expect(answer.includes(ANSWER)).toBe(true);
      expect(await server.exited).toBe(0);
      expect(logLines(server.stdout()).find((line) => line.msg === 'shutting down')).toMatchObject({ signal: 'SIGHUP' });
    } finally {
      await stopped(server);
    }
  }, 30_000);
});

describe('SIGUSR1', () => {
  it.each([
    ['serving alone', '1'],
    ['in a cluster worker', '2'],
  ])('opens no inspector (%s)', async (_label, workers) => {
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), WEB_CONCURRENCY: workers });
    try {
      await eventually(() => logLines(server.stdout()).filter((line) => line.msg === 'listening').length === Number(workers), 'every worker listening');
      // The processes that serve HTTP: the one started, or its workers.
      const serving = workers === '1' ? [server.child.pid!] : childrenOf(server.child.pid!);
      expect(serving).toHaveLength(Number(workers));
      const ports = (pid: number) => listeningPorts(pid);
      const before = new Map(serving.map((pid) => [pid, ports(pid)]));
      for (const pid of serving) process.kill(pid, 'SIGUSR1');
      // Node would start the inspector on a thread of its own: give it time to, while answering.
      for (let i = 0; i < 4; i++) expect(await exchange(server.url, { method: 'POST', body: QUERY }).outcome).toMatchObject({ status: 200 });
      await sleep(300);
      for (const pid of serving) expect(ports(pid)).toEqual(before.get(pid));
      expect(server.stderr()).toBe('');
    } finally {
      await stopped(server);
    }
  }, 30_000);
});

// An attack probe (2026-12-06): Node stops tracking a CONNECT's socket once it hands it to the
// `connect` event, so the shutdown deadline's closeAllConnections missed it, and the process stayed
// up until its refusal's own close timer, REQUEST_TIMEOUT_MS later (30 s by default).
describe('a CONNECT whose client holds the connection open', () => {
  it('is cut at SHUTDOWN_TIMEOUT_MS like any other connection, and the server exits 0', async () => {
    const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), SHUTDOWN_TIMEOUT_MS: '1000', SHUTDOWN_DRAIN_MS: '0' });
    const socket = await openSocket(server.url);
    socket.on('error', () => {});
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    // Keeps its side open and never closes: only the server can end the connection.
    socket.allowHalfOpen = true;
    socket.write('CONNECT a:1 HTTP/1.1\r\nhost: a\r\n\r\n');
    await eventually(() => answer.startsWith('HTTP/1.1 405 '), 'the 405 arrives', 5_000);
    const started = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(1_000 + 1_500);
    socket.destroy();
  }, 45_000);
});
