import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDatabasePath } from './support/app.ts';
import { serverForTests } from './support/file-server.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';
import { answerParts, openSocket, rawExchange } from './support/sockets.ts';

/** An answer read off the wire: status line, headers by lower-case name, body as parsed JSON. */
function parsed(raw: string) {
  const { status, headers, body } = answerParts(raw);
  return { status, headers, body: body === '' ? null : (JSON.parse(body) as { errors: { extensions: { code: string } }[] }) };
}

/**
 * Requests refused before any handler reads them: by the size they declare, by what they expect,
 * by Node's HTTP parser. docs/kiosk-integrators.md: every answer carries `x-request-id`, the id of
 * its line in the server's log, and every error `extensions.code`; docs/deployment.md: each request
 * (except /health) writes one line.
 */
describe('requests refused before the handler reads them', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), MAX_BODY_BYTES: '1000' });
  });

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
  });

  /** The log line of the request `id`, waiting for it a little: the log is written once per turn of the event loop. */
  async function logLine(id: string | undefined): Promise<Record<string, unknown> | undefined> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const line = server
        .stdout()
        .trim()
        .split('\n')
        .map((text) => JSON.parse(text) as Record<string, unknown>)
        .find((entry) => entry.requestId !== undefined && entry.requestId === id);
      if (line) return line;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return undefined;
  }

  const host = (): string => new URL(server.url).host;

  const VALID_BODY = JSON.stringify({ query: '{ __typename }' });
  const cases: [what: string, raw: () => string, status: number, code: string][] = [
    ['a body declared over MAX_BODY_BYTES', () => `POST /graphql HTTP/1.1\r\nhost: ${host()}\r\ncontent-type: application/json\r\ncontent-length: 5000\r\nconnection: close\r\n\r\n${' '.repeat(5000)}`, 413, 'PAYLOAD_TOO_LARGE'],
    ['a body declared over MAX_BODY_BYTES, sent after 100-continue', () => `POST /graphql HTTP/1.1\r\nhost: ${host()}\r\ncontent-type: application/json\r\ncontent-length: 5000\r\nexpect: 100-continue\r\n\r\n`, 413, 'PAYLOAD_TOO_LARGE'],
    ['an HTTP/1.1 request without Host (RFC 9112 §3.2)', () => 'GET /graphql HTTP/1.1\r\nconnection: close\r\n\r\n', 400, 'BAD_REQUEST'],
    ['an expectation other than 100-continue (RFC 9110 §10.1.1)', () => `POST /graphql HTTP/1.1\r\nhost: ${host()}\r\ncontent-type: application/json\r\ncontent-length: 2\r\nexpect: 200-ok\r\nconnection: close\r\n\r\n{}`, 417, 'EXPECTATION_FAILED'],
    // RFC 9112 §6.1 gives 501; bad input never gets a 5xx.
    ...['gzip, chunked', 'x-custom, chunked', 'identity, chunked'].map((codings): (typeof cases)[number] => [
      `a transfer coding other than chunked (${codings})`,
      // A valid body: only the coding is at fault.
      () => `POST /graphql HTTP/1.1\r\nhost: ${host()}\r\ncontent-type: application/json\r\ntransfer-encoding: ${codings}\r\nconnection: close\r\n\r\n${VALID_BODY.length.toString(16)}\r\n${VALID_BODY}\r\n0\r\n\r\n`,
      400,
      'BAD_REQUEST',
    ]),
    // Refused by the routes, not the front: coded like the others, so logged and counted like them.
    ['a path nothing is served at', () => `GET /nowhere HTTP/1.1\r\nhost: ${host()}\r\nconnection: close\r\n\r\n`, 404, 'NOT_FOUND'],
    ['a path under /graphiql/ that cannot name one of its files', () => `GET /graphiql/x.js HTTP/1.1\r\nhost: ${host()}\r\nconnection: close\r\n\r\n`, 404, 'NOT_FOUND'],
    ['a method other than GET on the schema', () => `DELETE /schema.graphql HTTP/1.1\r\nhost: ${host()}\r\nconnection: close\r\n\r\n`, 405, 'METHOD_NOT_ALLOWED'],
    ['a method other than GET on the open data', () => `POST /opendata/public-facilities.csv HTTP/1.1\r\nhost: ${host()}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n`, 405, 'METHOD_NOT_ALLOWED'],
    ['CONNECT, which /graphql does not answer', () => `CONNECT ${host()} HTTP/1.1\r\nhost: ${host()}\r\n\r\n`, 405, 'METHOD_NOT_ALLOWED'],
    ['headers over the limit', () => `GET /graphql?query=${'x'.repeat(20_000)} HTTP/1.1\r\nhost: ${host()}\r\n\r\n`, 431, 'REQUEST_HEADER_TOO_LARGE'],
    ['bytes that are not HTTP', () => 'NOT HTTP AT ALL\r\n\r\n', 400, 'BAD_REQUEST'],
    // Not a 505: bad input never gets a 5xx. An HTTP/2 client with prior knowledge cannot read it,
    // but the connection closes at once instead of waiting, and the log has its line.
    ['the HTTP/2 connection preface (prior knowledge)', () => 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 400, 'BAD_REQUEST'],
    ['an HTTP version the parser does not know', () => `GET /health HTTP/3.0\r\nhost: ${host()}\r\n\r\n`, 400, 'BAD_REQUEST'],
  ];

  it.each(cases)('%s: the coded answer carries x-request-id, and the log has its line', async (_what, raw, status, code) => {
    const answer = parsed(await rawExchange(server.url, raw()));
    expect(answer.status).toBe(status);
    expect(answer.body?.errors.map((error) => error.extensions.code)).toEqual([code]);
    const id = answer.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await logLine(id)).toMatchObject({ level: 'info', status, errors: [code] });
  });
});

/**
 * A code review (2026-12-06): Node takes its own `error` listener off a socket it hands to the
 * `connect` event; a client that reset its connection then left an `error` nobody listened for,
 * and the process died of one CONNECT followed by a TCP reset.
 */
describe('a client that resets its connection right after its request', () => {
  const server = serverForTests({ MAX_BODY_BYTES: '1000' });
  const host = () => new URL(server.url).host;

  it.each([
    ['CONNECT', () => `CONNECT ${host()} HTTP/1.1\r\nhost: ${host()}\r\n\r\n`],
    ['bytes that are not HTTP', () => 'NOT HTTP AT ALL\r\n\r\n'],
    ['a body declared over the limit', () => `POST /graphql HTTP/1.1\r\nhost: ${host()}\r\ncontent-type: application/json\r\ncontent-length: 50000\r\n\r\n{`],
    ['a query', () => `GET /health HTTP/1.1\r\nhost: ${host()}\r\n\r\n`],
  ])('%s: the server lives on and answers the next client', async (_what, raw) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const socket = await openSocket(server.url);
      socket.on('error', () => {});
      socket.write(raw());
      // A reset (RST), not a close: the server's next read on the connection fails with ECONNRESET.
      socket.resetAndDestroy();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.child.exitCode).toBeNull();
    expect((await fetch(new URL('/health', server.url))).status).toBe(200);
    expect(server.stderr()).not.toContain('ECONNRESET');
  });
});
