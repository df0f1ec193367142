/**
 * SIGTERM while busy: requests whose bytes reached the server before the signal, all answered;
 * connections opened while it drains, served, and once the listener has closed, refused, never
 * reset. A stopped process (SIGSTOP) stands for a busy one: the kernel accepts the connections
 * and takes their bytes, and the process reads none of them until it runs again, SIGTERM pending.
 */
import type { Socket } from 'node:net';
import { exchange, openSocket, type Outcome } from '../../test/support/sockets.ts';
import { PROBE_BODY } from '../operations.ts';
import { sleep, withDeadline } from '../processes.ts';
import { startProjectServer } from '../servers.ts';
import { timed } from './measure.ts';
import type { Findings } from './row.ts';

const REQUESTS_BEFORE_SIGTERM = 50;
const SHUTDOWN_DRAIN_MS = '300';
const SHUTDOWN_TIMEOUT_MS = '10000';
const PROBE_INTERVAL_MS = 5;
const STEP_DEADLINE_MS = 15_000;

const described = (outcome: Outcome) => ('error' in outcome ? outcome.error : String(outcome.status));

export async function sigtermWhileBusy(databasePath: string): Promise<Findings> {
  const server = await startProjectServer(databasePath, { SHUTDOWN_DRAIN_MS, SHUTDOWN_TIMEOUT_MS });
  let slow: Socket | null = null;
  try {
    // A request whose body is still arriving keeps the process up after its listener closes.
    slow = await openSocket(server.graphqlUrl);
    let slowAnswer = '';
    slow.on('data', (chunk: Buffer) => (slowAnswer += chunk.toString()));
    slow.on('error', () => {});
    const slowClosed = new Promise((resolve) => slow!.on('close', resolve));
    slow.write(`POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(PROBE_BODY)}\r\n\r\n${PROBE_BODY.slice(0, 10)}`);

    process.kill(server.pid, 'SIGSTOP');
    const requests = Array.from({ length: REQUESTS_BEFORE_SIGTERM }, () => exchange(server.graphqlUrl, { method: 'POST', body: PROBE_BODY }));
    try {
      await withDeadline(Promise.all(requests.map((request) => request.written)), STEP_DEADLINE_MS, 'the requests were not sent');
      process.kill(server.pid, 'SIGTERM');
    } finally {
      process.kill(server.pid, 'SIGCONT');
    }
    const outcomes = await withDeadline(Promise.all(requests.map((request) => request.outcome)), STEP_DEADLINE_MS, 'the requests sent before SIGTERM were not all settled');
    const lost = outcomes.filter((outcome) => 'error' in outcome || outcome.status !== 200);

    // New connections, one after another, until one is not served: it must be refused.
    const duringDrain: string[] = [];
    const deadline = performance.now() + STEP_DEADLINE_MS;
    let firstFailure: string | null = null;
    while (firstFailure === null && performance.now() < deadline) {
      const { outcome } = await timed(server.origin, { path: '/health' });
      if ('error' in outcome) firstFailure = outcome.error;
      else duringDrain.push(described(outcome));
      await sleep(PROBE_INTERVAL_MS);
    }
    const { outcome: afterClose } = await timed(server.origin, { path: '/health' });
    const listenerClosedLogged = server.output().includes('"msg":"stopped accepting connections"');

    slow.end(PROBE_BODY.slice(10));
    await withDeadline(slowClosed, STEP_DEADLINE_MS, 'the request in flight was not answered');
    const exitCode = await withDeadline(server.exited, STEP_DEADLINE_MS, 'the server did not exit');
    const servedDuringDrain = duringDrain.filter((status) => status === '200').length;
    return {
      rows: [
        {
          attack: 'SIGTERM while busy: requests sent before it',
          sent: `SIGSTOP; ${REQUESTS_BEFORE_SIGTERM} POST /graphql, each on its own connection, every byte written; SIGTERM; SIGCONT (SHUTDOWN_DRAIN_MS=${SHUTDOWN_DRAIN_MS})`,
          budget: '0 lost: every one answered 200',
          measured: `${lost.length} of ${REQUESTS_BEFORE_SIGTERM} lost${lost.length > 0 ? ` (${[...new Set(lost.map(described))].join(', ')})` : ''}`,
          pass: lost.length === 0,
        },
        {
          attack: 'SIGTERM: connections after the listener closed',
          sent: `then GET /health on a new connection every ${PROBE_INTERVAL_MS} ms until one was not served, and one more; a request in flight holds the process up`,
          budget: 'served while draining; refused (ECONNREFUSED), never reset, once the listener has closed',
          measured: `${servedDuringDrain} served while draining${duringDrain.length > servedDuringDrain ? `, ${duringDrain.length - servedDuringDrain} answered otherwise` : ''}; then ${firstFailure ?? 'none refused'}, then ${described(afterClose)}; "stopped accepting connections" ${listenerClosedLogged ? 'logged' : 'not logged'}`,
          pass: duringDrain.length === servedDuringDrain && firstFailure === 'ECONNREFUSED' && described(afterClose) === 'ECONNREFUSED' && listenerClosedLogged,
        },
        {
          attack: 'SIGTERM: the request in flight',
          sent: 'the body of a request begun before SIGTERM, finished after the listener closed',
          budget: 'answered 200, then the server exits 0',
          measured: `${/^HTTP\/1\.1 (\d+)/.exec(slowAnswer)?.[1] ?? 'no answer'}; exit code ${exitCode}`,
          pass: slowAnswer.startsWith('HTTP/1.1 200 ') && exitCode === 0,
        },
      ],
      details: [],
    };
  } finally {
    slow?.destroy();
    await server.stop();
  }
}
