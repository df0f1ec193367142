/**
 * Requests that arrive too slowly or too large: slow headers, `Expect: 100-continue` with a body
 * far over MAX_BODY_BYTES, a 7 MB body, a body that trickles in, answers never read. On a server
 * with short deadlines (the defaults, 10 s and 30 s, behave the same, only slower), all at once.
 * Then, alone, a stream of requests whose `Accept-Encoding` is far over its limit, charged the
 * server's CPU.
 */
import { request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { kernelKeepsServerSide, openSocket, rawExchange } from '../../test/support/sockets.ts';
import { withDeadline } from '../processes.ts';
import { startProjectServer } from '../servers.ts';
import { perRequestCpu } from './measure.ts';
import type { Findings } from './row.ts';

const HEADERS_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 2_000;
const SEND_TIMEOUT_MS = 2_000;
/** Node looks for connections past their deadlines once a second (src/http/node-server.ts). */
const DEADLINE_CHECK_MS = 1_000;
const DEADLINE_SLACK_MS = 500;
const TRICKLE_INTERVAL_MS = 200;
const DECLARED_BYTES = 50_000_000;
const LARGE_BODY_BYTES = 7 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;
const STEP_DEADLINE_MS = 15_000;
/** 413 before a byte of the body is read: at once. */
const EARLY_REFUSAL_BUDGET_MS = 1_000;
/**
 * An `Accept-Encoding` of `a;q=0` entries just under the head limit (MAX_BODY_BYTES + 16 KiB): each
 * refusing entry made compression parse the whole header to answer the 431 (15–25 ms a request).
 */
const OVERLONG_CODING_ENTRIES = 18_000;
const OVERLONG_CODING_REQUESTS = 200;
/**
 * Server CPU a request of that stream may cost: the 431 by the header's length alone. Reading the
 * 108 KB head and a connection each cost about 0.85 ms here; parsing the header cost 12.7 ms more.
 */
const OVERLONG_CODING_BUDGET_MS = 2;
/** Every type's fields and their arguments: a 62 KB answer, from the response cache after the first. */
const INTROSPECTION = 'query{__schema{types{name description fields(includeDeprecated:true){name description args{name description type{name kind ofType{name kind ofType{name kind}}}} type{name kind ofType{name kind ofType{name kind}}}}}}}';
/** About 12 MB of answers: more than the kernel buffers of a loopback connection hold, so the server's own writes back up. */
const UNREAD_GETS = 200;
/**
 * Node cuts between one and two SEND_TIMEOUT_MS after the last byte went (a write that moved since
 * its timer's previous look gets one more period; here it was always two), and before that the
 * first answer is computed (0.5 s) and the kernel's buffers fill: alone, 4.6 s of the 5 s this left at 1 s.
 */
const UNREAD_SLACK_MS = 2_000;
const UNREAD_POLL_MS = 50;

const statusOf = (raw: string) => /^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? (raw === '' ? 'closed without an answer' : raw.slice(0, 40));

/**
 * Writes `head`, then one byte of `drip` every TRICKLE_INTERVAL_MS, until the server answers or
 * closes: what it sent, and when, from the first byte.
 */
async function trickle(url: string, head: string, drip: string): Promise<{ answer: string; ms: number }> {
  const socket: Socket = await openSocket(url);
  const started = performance.now();
  let answer = '';
  const timer = setInterval(() => socket.writable && socket.write(drip), TRICKLE_INTERVAL_MS);
  try {
    return await withDeadline(
      new Promise((resolve) => {
        socket.on('error', () => {});
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
        socket.on('close', () => resolve({ answer, ms: performance.now() - started }));
        socket.write(head);
      }),
      STEP_DEADLINE_MS,
      'a slow request was never cut',
    );
  } finally {
    clearInterval(timer);
    socket.destroy();
  }
}

/**
 * UNREAD_GETS pipelined introspection GETs on a connection whose client never reads: how long from
 * their writing until the kernel no longer keeps the server's side (reset, not closed and left
 * offering the unread answers), or null if it still does at the step's deadline.
 */
async function unreadAnswers(url: string): Promise<number | null> {
  const socket: Socket = await openSocket(url);
  socket.on('error', () => {});
  socket.pause();
  const ports = [Number(new URL(url).port), socket.localPort!] as const;
  const started = performance.now();
  socket.write(`GET /graphql?query=${encodeURIComponent(INTROSPECTION)} HTTP/1.1\r\nhost: x\r\nx-graphql-csrf: 1\r\n\r\n`.repeat(UNREAD_GETS));
  try {
    while (performance.now() - started < STEP_DEADLINE_MS) {
      if (!kernelKeepsServerSide(...ports)) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, UNREAD_POLL_MS));
    }
    return null;
  } finally {
    socket.destroy();
  }
}

/** A 7 MB POST written as fast as the server takes it: its status, or the error the client met. */
function largeBody(url: string): Promise<{ status: number | null; error: string | null }> {
  const target = new URL(url);
  const body = Buffer.alloc(LARGE_BODY_BYTES, ' ');
  return new Promise((resolve) => {
    const req = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? null, error: null }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: null, error: error.code ?? error.message }));
    for (let offset = 0; offset < body.length; offset += CHUNK_BYTES) req.write(body.subarray(offset, offset + CHUNK_BYTES));
    req.end();
  });
}

/** `requests` GETs with an overlong `Accept-Encoding`, one at a time: their statuses, and the server's CPU per request in ms. */
async function overlongCodings(url: string, pid: number, requests: number): Promise<{ statuses: Set<string>; cpuMs: number }> {
  const head = `GET /graphql HTTP/1.1\r\nhost: x\r\naccept-encoding: ${Array(OVERLONG_CODING_ENTRIES).fill('a;q=0').join(',')}\r\nconnection: close\r\n\r\n`;
  const { results, cpuMsPerRequest } = await perRequestCpu(pid, requests, () => withDeadline(rawExchange(url, head), STEP_DEADLINE_MS, 'no answer to an overlong Accept-Encoding'));
  return { statuses: new Set(results.map(statusOf)), cpuMs: cpuMsPerRequest };
}

export async function requestBounds(databasePath: string): Promise<Findings> {
  const server = await startProjectServer(databasePath, { HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), SEND_TIMEOUT_MS: String(SEND_TIMEOUT_MS) });
  try {
    const url = server.graphqlUrl;
    const expectStarted = performance.now();
    const [slowHeaders, slowBody, expectContinue, large, unread] = await Promise.all([
      trickle(url, 'GET /health HTTP/1.1\r\nhost: x\r\nx-slow: ', 'a'),
      trickle(url, 'POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"query":"', ' '),
      withDeadline(rawExchange(url, `POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${DECLARED_BYTES}\r\nexpect: 100-continue\r\n\r\n`), STEP_DEADLINE_MS, 'no answer to Expect: 100-continue').then((answer) => ({
        answer,
        ms: performance.now() - expectStarted,
      })),
      withDeadline(largeBody(url), STEP_DEADLINE_MS, 'no answer to the 7 MB body'),
      unreadAnswers(url),
    ]);
    const codings = await overlongCodings(url, server.pid, OVERLONG_CODING_REQUESTS);
    const headersBudget = HEADERS_TIMEOUT_MS + DEADLINE_CHECK_MS + DEADLINE_SLACK_MS;
    const bodyBudget = REQUEST_TIMEOUT_MS + DEADLINE_CHECK_MS + DEADLINE_SLACK_MS;
    const unreadBudget = 2 * SEND_TIMEOUT_MS + UNREAD_SLACK_MS;
    const settings = `HEADERS_TIMEOUT_MS=${HEADERS_TIMEOUT_MS}, REQUEST_TIMEOUT_MS=${REQUEST_TIMEOUT_MS}`;
    return {
      rows: [
        {
          attack: 'Slow headers',
          sent: `\`GET /health\`, then one byte of a header every ${TRICKLE_INTERVAL_MS} ms, never ending the headers (${settings})`,
          budget: `408, connection closed, within HEADERS_TIMEOUT_MS + ${DEADLINE_CHECK_MS + DEADLINE_SLACK_MS} ms (${headersBudget} ms)`,
          measured: `${statusOf(slowHeaders.answer)} after ${Math.round(slowHeaders.ms)} ms`,
          pass: statusOf(slowHeaders.answer) === '408' && slowHeaders.ms <= headersBudget,
        },
        {
          attack: 'Expect: 100-continue, 50 MB declared',
          sent: `\`POST /graphql\` with \`content-length: ${DECLARED_BYTES}\` and \`expect: 100-continue\`, no body`,
          budget: `413 within ${EARLY_REFUSAL_BUDGET_MS} ms, no \`100 Continue\``,
          measured: `${statusOf(expectContinue.answer)} after ${Math.round(expectContinue.ms)} ms; ${expectContinue.answer.includes('100 Continue') ? '100 Continue sent' : 'no 100 Continue'}`,
          pass: statusOf(expectContinue.answer) === '413' && !expectContinue.answer.includes('100 Continue') && expectContinue.ms <= EARLY_REFUSAL_BUDGET_MS,
        },
        {
          attack: '7 MB body',
          sent: `\`POST /graphql\` with a ${LARGE_BODY_BYTES.toLocaleString('en')}-byte body (\`content-length\`), written as fast as taken`,
          budget: '413, the client meeting no broken pipe or reset',
          measured: large.error === null ? String(large.status) : large.error,
          pass: large.status === 413 && large.error === null,
        },
        {
          attack: 'Slow body',
          sent: `\`POST /graphql\` declaring 1,000 bytes, then one byte every ${TRICKLE_INTERVAL_MS} ms (${settings})`,
          budget: `cut (408, connection closed) within REQUEST_TIMEOUT_MS + ${DEADLINE_CHECK_MS + DEADLINE_SLACK_MS} ms (${bodyBudget} ms)`,
          measured: `${statusOf(slowBody.answer)} after ${Math.round(slowBody.ms)} ms`,
          pass: statusOf(slowBody.answer) === '408' && slowBody.ms <= bodyBudget,
        },
        {
          attack: 'Answers never read',
          sent: `${UNREAD_GETS} pipelined \`GET /graphql\` of an introspection query (62 KB answers, 12 MB in all) on one connection whose client never reads (SEND_TIMEOUT_MS=${SEND_TIMEOUT_MS})`,
          budget: `connection reset, the kernel keeping nothing of it, within 2 × SEND_TIMEOUT_MS + ${UNREAD_SLACK_MS} ms (${unreadBudget} ms) of the requests`,
          measured: unread === null ? `still kept after ${STEP_DEADLINE_MS} ms` : `gone after ${Math.round(unread)} ms`,
          pass: unread !== null && unread <= unreadBudget,
        },
        {
          attack: 'Overlong Accept-Encoding',
          sent: `${OVERLONG_CODING_REQUESTS} \`GET /graphql\` in turn, each with an \`accept-encoding\` of ${OVERLONG_CODING_ENTRIES.toLocaleString('en')} \`a;q=0\` entries (${Math.round((OVERLONG_CODING_ENTRIES * 6) / 1024)} KB, under the head limit)`,
          budget: `431 each, server CPU ≤ ${OVERLONG_CODING_BUDGET_MS} ms a request`,
          measured: `${[...codings.statuses].join(', ')}; ${codings.cpuMs.toFixed(3)} ms CPU a request`,
          pass: codings.statuses.size === 1 && codings.statuses.has('431') && codings.cpuMs <= OVERLONG_CODING_BUDGET_MS,
        },
      ],
      details: [],
    };
  } finally {
    await server.stop();
  }
}
