// RFC 9112 §9.3.2: a server MUST send its responses in the order the requests were received. A
// request Node's parser refuses, sent on a keep-alive connection behind requests still being
// answered, is answered after them; then the connection closes.
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDatabasePath } from './support/app.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';
import { eventually, exchangeOverTime, logLines, openSocket, rawExchange, serverHolds } from './support/sockets.ts';

const SLOW_ANSWER = fileURLToPath(new URL('./support/faults/slow-answer.ts', import.meta.url));
const QUERY = JSON.stringify({ query: '{ offices { totalCount } }' });

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The answers in `raw`, as the server wrote them one after the other, each framed by its Content-Length. */
function answersIn(raw: string): Answer[] {
  const answers: Answer[] = [];
  let rest = Buffer.from(raw);
  while (rest.length > 0) {
    const end = rest.indexOf('\r\n\r\n');
    const [statusLine, ...lines] = rest.subarray(0, end).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
    const length = Number(headers['content-length']);
    answers.push({ status: Number(statusLine!.split(' ')[1]), headers, body: rest.subarray(end + 4, end + 4 + length).toString() });
    rest = rest.subarray(end + 4 + length);
  }
  return answers;
}

/** A valid POST /graphql on a keep-alive connection; `extra` are more header lines. */
const post = (extra = '') => `POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${QUERY.length}\r\n${extra}\r\n${QUERY}`;

/** The coded body the server answers a refusal with (the extensions every answer carries follow). */
const refusalBody = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }], extensions: { cost: { requested: null, limit: 25_000 }, schemaVersion: expect.any(String) } });

/** The statuses, request ids and bodies of `answers`, each body parsed. */
const read = (answers: Answer[]) => answers.map((answer) => ({ status: answer.status, id: answer.headers['x-request-id'], body: JSON.parse(answer.body) as unknown }));

const ID = expect.stringMatching(/^[0-9a-f-]{36}$/);

const servers: ServerProcess[] = [];
async function start(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), RATE_LIMIT_PER_MINUTE: '0', MAX_BODY_BYTES: '1000', ...env }, { nodeFlags: ['--import', SLOW_ANSWER] });
  servers.push(server);
  return server;
}

afterAll(async () => {
  for (const server of servers) server.child.kill('SIGKILL');
  await Promise.all(servers.map((server) => server.exited));
});

describe('a refusal of the parser behind valid requests on one connection', () => {
  let server: ServerProcess;
  /** The body of QUERY's answer, asked alone. */
  let answer: unknown;

  beforeAll(async () => {
    server = await start({});
    const alone = answersIn(await rawExchange(server.url, post('connection: close\r\n')));
    expect(alone.map((one) => one.status)).toEqual([200]);
    answer = JSON.parse(alone[0]!.body);
  }, 30_000);

  it('answers a valid request, then 400 BAD_REQUEST for bytes that are not HTTP, sent in the same write, then closes', async () => {
    const answers = answersIn(await rawExchange(server.url, `${post()}GARBAGE\r\n\r\n`));
    expect(read(answers)).toEqual([
      { status: 200, id: ID, body: answer },
      { status: 400, id: ID, body: refusalBody('Malformed HTTP request.', 'BAD_REQUEST') },
    ]);
    expect(answers.map((one) => one.headers.connection)).toEqual(['keep-alive', 'close']);
  });

  it('answers two valid requests in order, then 400 BAD_REQUEST, all sent in one write', async () => {
    const answers = answersIn(await rawExchange(server.url, `${post()}${post()}GARBAGE\r\n\r\n`));
    expect(read(answers)).toEqual([
      { status: 200, id: ID, body: answer },
      { status: 200, id: ID, body: answer },
      { status: 400, id: ID, body: refusalBody('Malformed HTTP request.', 'BAD_REQUEST') },
    ]);
  });

  it('answers a valid request, then 431 REQUEST_HEADER_TOO_LARGE for headers over the limit sent behind it', async () => {
    const answers = answersIn(await rawExchange(server.url, `${post()}GET /graphql?query=${'x'.repeat(20_000)} HTTP/1.1\r\nhost: x\r\n\r\n`));
    expect(read(answers)).toEqual([
      { status: 200, id: ID, body: answer },
      { status: 431, id: ID, body: refusalBody('The request line and headers are too large.', 'REQUEST_HEADER_TOO_LARGE') },
    ]);
  });

  it('answers a valid request still being made, then 400 BAD_REQUEST for bytes that are not HTTP sent after it', async () => {
    const answers = answersIn(await rawExchange(server.url, `${post('x-test-delay-ms: 500\r\n')}GARBAGE\r\n\r\n`));
    expect(read(answers)).toEqual([
      { status: 200, id: ID, body: answer },
      { status: 400, id: ID, body: refusalBody('Malformed HTTP request.', 'BAD_REQUEST') },
    ]);
  });

  it('answers a valid request still being made, then one 400 BAD_REQUEST, logged once, however many bytes follow the garbage', async () => {
    const refusalsLogged = () => logLines(server.stdout()).filter((line) => line.status === 400).length;
    // The earlier tests' lines may still be on their way through the pipe: count from once they stop coming.
    let before = -1;
    while (before !== refusalsLogged()) {
      before = refusalsLogged();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const more = [100, 200, 300].map((after) => ({ after, raw: 'MORE GARBAGE\r\n\r\n' }));
    const answers = answersIn(await exchangeOverTime(server.url, [{ after: 0, raw: `${post('x-test-delay-ms: 500\r\n')}GARBAGE\r\n\r\n` }, ...more]));
    expect(read(answers)).toEqual([
      { status: 200, id: ID, body: answer },
      { status: 400, id: ID, body: refusalBody('Malformed HTTP request.', 'BAD_REQUEST') },
    ]);
    // The log is written once per turn of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(refusalsLogged() - before).toBe(1);
  });

  it('answers a valid request, then 405 METHOD_NOT_ALLOWED for a CONNECT sent behind it', async () => {
    const answers = answersIn(await rawExchange(server.url, `${post('x-test-delay-ms: 200\r\n')}CONNECT x:443 HTTP/1.1\r\nhost: x:443\r\n\r\n`));
    expect(read(answers)).toEqual([
      { status: 200, id: ID, body: answer },
      { status: 405, id: ID, body: refusalBody('CONNECT is not answered here; the API is at /graphql.', 'METHOD_NOT_ALLOWED') },
    ]);
  });

  it('answers bytes that are not HTTP alone with 400 BAD_REQUEST at once, and closes', async () => {
    const answers = answersIn(await rawExchange(server.url, 'GARBAGE\r\n\r\n'));
    expect(read(answers)).toEqual([{ status: 400, id: ID, body: refusalBody('Malformed HTTP request.', 'BAD_REQUEST') }]);
  });
});

describe('a request past its headers deadline behind a valid request still being answered', () => {
  it('gets its 408 REQUEST_TIMEOUT after the valid answer', async () => {
    const server = await start({ HEADERS_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '10000' });
    const alone = JSON.parse(answersIn(await rawExchange(server.url, post('connection: close\r\n')))[0]!.body) as unknown;
    // The 408 is due within about 1.3 s (Node looks for late connections every second); the answer comes at 2.5 s.
    const answers = answersIn(await rawExchange(server.url, `${post('x-test-delay-ms: 2500\r\n')}GET /health HTTP/1.1\r\nhost: x\r\n`));
    expect(read(answers)).toEqual([
      { status: 200, id: ID, body: alone },
      { status: 408, id: ID, body: refusalBody('The request did not arrive in time.', 'REQUEST_TIMEOUT') },
    ]);
  }, 30_000);

  it('reads no request after the 408: the last line of the late request, sent during the wait, gets it no answer', async () => {
    const server = await start({ HEADERS_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '10000' });
    const alone = JSON.parse(answersIn(await rawExchange(server.url, post('connection: close\r\n')))[0]!.body) as unknown;
    // The 408 is due by about 1.3 s; the late request's headers end at 2 s, while it waits for the answer due at 3 s.
    const answers = answersIn(
      await exchangeOverTime(server.url, [
        { after: 0, raw: `${post('x-test-delay-ms: 3000\r\n')}GET /health HTTP/1.1\r\nhost: x\r\n` },
        { after: 2_000, raw: '\r\n' },
      ]),
    );
    expect(read(answers)).toEqual([
      { status: 200, id: ID, body: alone },
      { status: 408, id: ID, body: refusalBody('The request did not arrive in time.', 'REQUEST_TIMEOUT') },
    ]);
  }, 30_000);

  it('reads no request after the 408: whole requests sent during the wait get no answer', async () => {
    const server = await start({ HEADERS_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '10000' });
    const answers = answersIn(
      await exchangeOverTime(server.url, [
        { after: 0, raw: `${post('x-test-delay-ms: 3000\r\n')}GET /health HTTP/1.1\r\nhost: x\r\n` },
        { after: 2_000, raw: '\r\nGET /health HTTP/1.1\r\nhost: x\r\n\r\n' },
        { after: 2_200, raw: post() },
      ]),
    );
    expect(answers.map((one) => one.status)).toEqual([200, 408]);
  }, 30_000);

  it('closes the connection without the 408 when the answer before it takes longer than REQUEST_TIMEOUT_MS more', async () => {
    const server = await start({ HEADERS_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '1000' });
    const started = Date.now();
    const received = await rawExchange(server.url, `${post('x-test-delay-ms: 8000\r\n')}GET /health HTTP/1.1\r\nhost: x\r\n`);
    expect(received).toBe('');
    expect(Date.now() - started).toBeLessThan(6_000);
  }, 30_000);
});

describe('a refused connection whose client never closes its side', () => {
  it('is closed by the server within REQUEST_TIMEOUT_MS of its refusal', async () => {
    const server = await start({ HEADERS_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '1000' });
    // A client that keeps its side open once the server has closed its own (net's allowHalfOpen).
    const socket: Socket = await openSocket(server.url);
    socket.allowHalfOpen = true;
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    const ended = new Promise((resolve) => socket.on('end', resolve));
    socket.write('GARBAGE\r\n\r\n');
    await ended;
    expect(answersIn(text).map((one) => one.status)).toEqual([400]);
    const ports = [Number(new URL(server.url).port), socket.localPort!] as const;
    expect(serverHolds(...ports)).toBe(true);
    await eventually(() => !serverHolds(...ports), 'the server closes the refused connection', 3_000);
    socket.destroy();
  }, 30_000);
});

describe('a client that half-closes its connection once its requests are written', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await start({});
  }, 30_000);

  /** Writes `raw`, then ends the client's side at once (FIN), and resolves with what the server sends until it closes. */
  async function writeAndHalfClose(raw: string): Promise<string> {
    const socket: Socket = await openSocket(server.url);
    socket.allowHalfOpen = true;
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.end(raw);
    await closed;
    return text;
  }

  // RFC 9112 §9.6: a client that closes its sending side still reads the answers to what it sent.
  it('gets the answers to every request it wrote, in order, the last one still pending at its FIN, then the connection closes', async () => {
    const answers = answersIn(await writeAndHalfClose(`${post()}${post('x-test-delay-ms: 300\r\n')}`));
    expect(answers.map((one) => one.status)).toEqual([200, 200]);
    expect(JSON.parse(answers[1]!.body)).toMatchObject({ data: { offices: { totalCount: 11 } } });
  });

  it('has its connection closed at once when it half-closes without a request', async () => {
    const started = Date.now();
    expect(await writeAndHalfClose('')).toBe('');
    // Well before the keep-alive timeout (5 s): the server ends its side at the FIN.
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  // RFC 9112 §8: a server may answer an incomplete request with an error before it closes.
  it('gets 400 BAD_REQUEST for a request its FIN cut short, after the answer to the one before, then the connection closes', async () => {
    const answers = answersIn(await writeAndHalfClose(`${post('x-test-delay-ms: 300\r\n')}${post().slice(0, -5)}`));
    expect(read(answers)).toEqual([
      { status: 200, id: ID, body: expect.objectContaining({ data: { offices: { totalCount: 11 } } }) },
      { status: 400, id: ID, body: refusalBody('Malformed HTTP request.', 'BAD_REQUEST') },
    ]);
  });
});
