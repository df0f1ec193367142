// What one serving process holds for a client, bounded and given back: connections, the time a
// request may take to arrive, bodies over the limit, descriptors. Each through a real process.
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { temporaryDatabasePath } from './support/app.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';
import { answerParts, eventually, exchange, kernelKeepsServerSide, logLines, openSocket, rawExchange, serverHolds } from './support/sockets.ts';

const QUERY = JSON.stringify({ query: '{ offices { totalCount } }' });
/** How the answer to QUERY begins; its `extensions` (cost, schema version) follow. */
const ANSWER = '{"data":{"offices":{"totalCount":11}}';
const HOLD_DESCRIPTORS = fileURLToPath(new URL('./support/faults/hold-descriptors.ts', import.meta.url));
/** Every type's fields and their arguments: an answer of about 62 KB, from the response cache after the first. */
const INTROSPECTION = 'query{__schema{types{name description fields(includeDeprecated:true){name description args{name description type{name kind ofType{name kind ofType{name kind}}}} type{name kind ofType{name kind ofType{name kind}}}}}}}';
const INTROSPECTION_GET = `GET /graphql?query=${encodeURIComponent(INTROSPECTION)} HTTP/1.1\r\nhost: x\r\nx-graphql-csrf: 1\r\n\r\n`;
/** About 12 MB of answers: more than the kernel buffers of a loopback connection hold (4 MB to send, far less to receive unread), so the server's own writes back up. */
const PIPELINED_GETS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const servers: ServerProcess[] = [];
async function start(env: Record<string, string>, options: Parameters<typeof startServer>[1] = {}): Promise<ServerProcess> {
  const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), RATE_LIMIT_PER_MINUTE: '0', ...env }, options);
  servers.push(server);
  return server;
}

afterAll(async () => {
  for (const server of servers) server.child.kill('SIGKILL');
  await Promise.all(servers.map((server) => server.exited));
});

/** The coded body of a raw HTTP answer. */
const codeOf = (raw: string) => (JSON.parse(answerParts(raw).body) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;

/** Answers the API and the probes give, or the error met. */
async function serving(server: ServerProcess): Promise<string[]> {
  const outcomes = await Promise.all([
    exchange(server.url, { method: 'POST', body: QUERY }).outcome,
    exchange(server.url, { path: '/health' }).outcome,
    exchange(server.url, { path: '/ready' }).outcome,
  ]);
  return outcomes.map((outcome) => ('error' in outcome ? outcome.error : String(outcome.status)));
}

describe('the connection cap', () => {
  it('refuses connections past MAX_CONNECTIONS while it is full, says so in the log, and serves again once one closes', async () => {
    const server = await start({ MAX_CONNECTIONS: '5' });
    const held = await Promise.all(Array.from({ length: 5 }, () => openSocket(server.url)));
    // Accepted after the five (the kernel queues them in order), so it finds the cap full.
    expect(await exchange(server.url, { path: '/health' }).outcome).toHaveProperty('error');
    held.shift()!.destroy();
    // One connection at a time: the freed slot is the only one.
    await eventually(async () => JSON.stringify(await exchange(server.url, { path: '/health' }).outcome).startsWith('{"status":200'), 'served again');
    for (const socket of held) socket.destroy();
    const refusals = logLines(server.stdout()).filter((line) => line.msg === 'connection limit reached; refusing new connections');
    expect(refusals).toEqual([expect.objectContaining({ level: 'error', maxConnections: 5, count: 1 })]);
  }, 30_000);
});

describe('deadlines of a request', () => {
  it('answers headers that do not arrive within HEADERS_TIMEOUT_MS with 408 REQUEST_TIMEOUT, and closes', async () => {
    const server = await start({ HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '2000' });
    const answer = await rawExchange(server.url, 'GET /health HTTP/1.1\r\nhost: x\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(codeOf(answer)).toBe('REQUEST_TIMEOUT');
  }, 30_000);

  it('answers a body that does not arrive within REQUEST_TIMEOUT_MS with 408 REQUEST_TIMEOUT, and closes', async () => {
    const server = await start({ HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '2000' });
    const answer = await rawExchange(server.url, `POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${QUERY.length}\r\n\r\n${QUERY.slice(0, 10)}`);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(codeOf(answer)).toBe('REQUEST_TIMEOUT');
  }, 30_000);

  it('still answers a body that stops arriving with 408 when SEND_TIMEOUT_MS is shorter than REQUEST_TIMEOUT_MS', async () => {
    const server = await start({ HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '2000', SEND_TIMEOUT_MS: '500' });
    const answer = await rawExchange(server.url, `POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${QUERY.length}\r\n\r\n${QUERY.slice(0, 10)}`);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
  }, 30_000);
});

describe('answers the client does not read', () => {
  it('cut once no byte of them could be written for SEND_TIMEOUT_MS: the connection is reset and given back, and the log says so once', async () => {
    const server = await start({ SEND_TIMEOUT_MS: '1000' });
    const socket = await openSocket(server.url);
    socket.on('error', () => {});
    socket.pause();
    socket.write(INTROSPECTION_GET.repeat(PIPELINED_GETS));
    const ports = [Number(new URL(server.url).port), socket.localPort!] as const;
    // Connected is not yet accepted: until the server's accept(), the kernel's side of it has no inode.
    await eventually(() => serverHolds(...ports), 'the server accepts the connection', 5_000);
    // The kernel's buffers fill in well under a second; the timeout runs from then.
    await eventually(() => !serverHolds(...ports), 'the server closes the connection', 5_000);
    // Reset, not closed: a close leaves the unread answers, megabytes, in the kernel, offered to the client until its retries give up.
    expect(kernelKeepsServerSide(...ports)).toBe(false);
    socket.destroy();
    const cuts = () => logLines(server.stdout()).filter((line) => line.msg === 'answers not read within SEND_TIMEOUT_MS; resetting their connections');
    // Log lines are written at the end of the event loop's turn: the line may follow the reset by a moment (it did once in CI).
    await eventually(() => cuts().length > 0, 'the line saying so', 5_000);
    expect(cuts()).toEqual([expect.objectContaining({ level: 'info', sendTimeoutMs: 1000, count: 1 })]);
  }, 30_000);

  it('not cut while the client reads them, however slowly, each pause shorter than SEND_TIMEOUT_MS', async () => {
    const server = await start({ SEND_TIMEOUT_MS: '1000' });
    const socket = await openSocket(server.url);
    let received = '';
    let sinceLastPause = 0;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      sinceLastPause += chunk.length;
      // About 1 MB every 400 ms: the whole takes several times SEND_TIMEOUT_MS.
      if (sinceLastPause < 1024 * 1024) return;
      sinceLastPause = 0;
      socket.pause();
      setTimeout(() => socket.resume(), 400);
    });
    const closed = new Promise((resolve) => socket.on('close', resolve));
    const started = Date.now();
    // Its sending side closed once the requests are written: the server ends the connection after the last answer.
    socket.end(INTROSPECTION_GET.repeat(PIPELINED_GETS));
    await closed;
    expect(received.match(/HTTP\/1\.1 200 /g)?.length).toBe(PIPELINED_GETS);
    expect(Date.now() - started).toBeGreaterThan(3_000);
  }, 60_000);
});

describe('a body over MAX_BODY_BYTES', () => {
  it('announced with Expect: 100-continue is refused 413 PAYLOAD_TOO_LARGE before any 100 Continue', async () => {
    const server = await start({});
    const answer = await rawExchange(
      server.url,
      'POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 50000000\r\nexpect: 100-continue\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).not.toContain('100 Continue');
    expect(codeOf(answer)).toBe('PAYLOAD_TOO_LARGE');
  }, 30_000);

  it('within the limit, Expect: 100-continue gets 100 Continue, then the answer', async () => {
    const server = await start({});
    const socket = await openSocket(server.url);
    let received = '';
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.on('data', (chunk) => {
      received += chunk;
      if (received.startsWith('HTTP/1.1 100 Continue\r\n\r\n') && !socket.writableEnded) socket.end(QUERY);
    });
    socket.write(`POST /graphql HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${QUERY.length}\r\nexpect: 100-continue\r\n\r\n`);
    await closed;
    const final = received.slice('HTTP/1.1 100 Continue\r\n\r\n'.length);
    expect(final).toMatch(/^HTTP\/1\.1 200 /);
    expect(final.includes(ANSWER)).toBe(true);
  }, 30_000);

  it.each(['content-length', 'chunked'])('of 7 MB (%s) is answered 413 PAYLOAD_TOO_LARGE, the client never meeting a closed pipe', async (framing) => {
    const server = await start({});
    const body = Buffer.alloc(7 * 1024 * 1024, ' ');
    const url = new URL(server.url);
    const headers = framing === 'chunked' ? { 'transfer-encoding': 'chunked' } : { 'content-length': body.length };
    const outcome = await new Promise<{ status: number; code: string } | { error: string }>((resolve) => {
      const req = httpRequest({ host: url.hostname, port: url.port, path: '/graphql', method: 'POST', agent: false, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, code: (JSON.parse(text) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code }));
      });
      req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
      for (let offset = 0; offset < body.length; offset += 64 * 1024) req.write(body.subarray(offset, offset + 64 * 1024));
      req.end();
    });
    expect(outcome).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  }, 30_000);
});

describe('under a limit of 1,024 open descriptors', () => {
  it('1,100 held connections: those past the cap are refused and logged as such, and it serves again within a second once they close', async () => {
    const server = await start({ DATA_CHECK_INTERVAL_MS: '100' }, { descriptorLimit: 1024 });
    const held = await Promise.all(
      Array.from({ length: 1_100 }, () =>
        openSocket(server.url).then(
          (socket) => (socket.on('error', () => {}), socket),
          () => null,
        ),
      ),
    );
    // Held over several database checks.
    await sleep(500);
    for (const socket of held) socket?.destroy();
    const freed = performance.now();
    await eventually(async () => (await serving(server)).join() === '200,200,200', 'serving again', 1_000);
    expect(performance.now() - freed).toBeLessThan(1_000);
    const lines = logLines(server.stdout());
    expect(lines.filter((line) => line.msg === 'connection limit reached; refusing new connections')[0]).toMatchObject({ maxConnections: 1024 - 64 });
    expect(lines.filter((line) => line.level === 'error' && line.msg !== 'connection limit reached; refusing new connections')).toEqual([
      expect.objectContaining({ msg: 'MAX_CONNECTIONS lowered to the descriptor limit less 64; raise the limit (ulimit -n) or lower MAX_CONNECTIONS', maxConnectionsAsked: 1000, maxConnections: 960, descriptorLimit: 1024 }),
    ]);
    expect(server.stderr()).toBe('');
  }, 30_000);

  it('descriptors all taken by something else: the database check waits rather than calling the file bad, and it serves again within a second once they are free', async () => {
    const server = await start({ DATA_CHECK_INTERVAL_MS: '100' }, { descriptorLimit: 1024, nodeFlags: ['--import', HOLD_DESCRIPTORS] });
    const before = await serving(server);
    process.kill(server.pid, 'SIGUSR2');
    await eventually(() => server.stdout().includes('"msg":"test fault: descriptors held"'), 'the descriptors taken');
    // Over several database checks; no connection can be accepted meanwhile.
    await sleep(500);
    expect((await exchange(server.url, { path: '/health' }).outcome)).toHaveProperty('error');
    process.kill(server.pid, 'SIGUSR2');
    await eventually(() => server.stdout().includes('"msg":"test fault: descriptors released"'), 'the descriptors given back');
    const freed = performance.now();
    await eventually(async () => (await serving(server)).join() === '200,200,200', 'serving again', 1_000);
    expect(performance.now() - freed).toBeLessThan(1_000);
    expect(before).toEqual(['200', '200', '200']);
    const lines = logLines(server.stdout());
    expect(lines.filter((line) => typeof line.msg === 'string' && line.msg.startsWith('database '))).toEqual([
      expect.objectContaining({ level: 'error', msg: 'database check deferred; serving on as before', reason: 'out of file descriptors (EMFILE/ENFILE)' }),
    ]);
    expect(server.stderr()).toBe('');
  }, 30_000);
});
