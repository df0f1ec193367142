/**
 * Descriptors exhausted and given back: the server under a limit of 1,024 open descriptors
 * (`prlimit --nofile`), 1,100 connections held, then closed; how soon /graphql and /health answer.
 */
import type { Socket } from 'node:net';
import { openSocket } from '../../test/support/sockets.ts';
import { postGraphql, send } from '../http.ts';
import { PROBE_BODY } from '../operations.ts';
import { sleep, withDeadline } from '../processes.ts';
import { startProjectServer } from '../servers.ts';
import type { Findings } from './row.ts';
import { timed } from './measure.ts';

const DESCRIPTOR_LIMIT = 1_024;
const HELD_CONNECTIONS = 1_100;
/** Long enough for several database checks (DATA_CHECK_INTERVAL_MS below) while the descriptors are held. */
const HOLD_MS = 500;
const DATA_CHECK_INTERVAL_MS = '100';
const RECOVERY_BUDGET_MS = 1_000;
const RECOVERY_DEADLINE_MS = 10_000;
const POLL_MS = 10;
const CONNECT_DEADLINE_MS = 30_000;
/** What an earlier version logged for EMFILE: a good file called bad. */
const WRONG_DIAGNOSES = ['database unavailable', 'unreadable or corrupt'];

export async function descriptorsExhausted(databasePath: string): Promise<Findings> {
  const server = await startProjectServer(databasePath, { DATA_CHECK_INTERVAL_MS }, { descriptorLimit: DESCRIPTOR_LIMIT });
  const held: Socket[] = [];
  try {
    let closedByServer = 0;
    const opened = await withDeadline(
      Promise.all(
        Array.from({ length: HELD_CONNECTIONS }, () =>
        openSocket(server.graphqlUrl).then(
          (socket) => {
            held.push(socket);
            socket.on('error', () => {});
            socket.once('close', () => held.includes(socket) && closedByServer++);
            return true;
          },
            () => false,
          ),
        ),
      ),
      CONNECT_DEADLINE_MS,
      'the connections were not all opened',
    );
    await sleep(HOLD_MS);
    const whileHeld = await timed(`${server.origin}/health`);
    const closedWhileHeld = closedByServer;
    for (const socket of held.splice(0)) socket.destroy();
    const freed = performance.now();
    let recoveredMs: number | null = null;
    while (performance.now() - freed < RECOVERY_DEADLINE_MS) {
      const [graphql, health] = await Promise.all([postGraphql(server.graphqlUrl, PROBE_BODY, 1_000).catch(() => null), send(`${server.origin}/health`, { timeoutMs: 1_000 }).catch(() => null)]);
      if (graphql?.status === 200 && health?.status === 200) {
        recoveredMs = performance.now() - freed;
        break;
      }
      await sleep(POLL_MS);
    }
    const alive = server.child.exitCode === null && server.child.signalCode === null;
    const wrong = WRONG_DIAGNOSES.filter((text) => server.output().includes(text));
    const sent = `the server started under \`prlimit --nofile=${DESCRIPTOR_LIMIT}\` (DATA_CHECK_INTERVAL_MS=${DATA_CHECK_INTERVAL_MS}); ${HELD_CONNECTIONS.toLocaleString('en')} connections opened and held ${HOLD_MS} ms, then closed`;
    return {
      rows: [
        {
          attack: 'Descriptors exhausted and recovered',
          sent,
          budget: `/graphql and /health answer 200 within ${RECOVERY_BUDGET_MS} ms of the connections closing; the server still runs`,
          measured: `${recoveredMs === null ? `not within ${RECOVERY_DEADLINE_MS} ms` : `${Math.round(recoveredMs)} ms`}; while held: ${opened.filter(Boolean).length} connected, ${closedWhileHeld} closed by the server, /health ${'error' in whileHeld.outcome ? whileHeld.outcome.error : whileHeld.outcome.status}; ${alive ? 'running' : 'exited'}`,
          pass: alive && recoveredMs !== null && recoveredMs <= RECOVERY_BUDGET_MS,
        },
        {
          attack: 'Descriptors exhausted: what is logged',
          sent,
          budget: `no ${WRONG_DIAGNOSES.map((text) => `"${text}"`).join(' or ')} in the log (the file is fine)`,
          measured: wrong.length === 0 ? 'none' : wrong.join(', '),
          pass: wrong.length === 0,
        },
      ],
      details: [],
    };
  } finally {
    for (const socket of held) socket.destroy();
    await server.stop();
  }
}
