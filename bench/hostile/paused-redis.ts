/**
 * A Redis that stops answering (`kill -STOP` on a real redis-server) under the rate limiter: each
 * request may wait for it at most REDIS_TIMEOUT_MS, and then not again for a while.
 */
import { loadConfig } from '../../src/config.ts';
import { runAmount, type LoadResult } from '../load.ts';
import { OPERATIONS } from '../operations.ts';
import { sleep } from '../processes.ts';
import { ms } from '../report.ts';
import { startProjectServer, startRedis } from '../servers.ts';
import type { Findings } from './row.ts';

const REQUESTS = 1_000;
/** Let the limiter meet the pause before measuring (one request then waits the timeout). */
const PAUSE_SETTLE_MS = 100;
/** What a pause may add to the mean: the timeout once in a while, nothing per request. */
const MEAN_BUDGET_MS = 1;
const REDIS_TIMEOUT_MS = loadConfig({}).redisTimeoutMs;
/** How long the server's Redis client may take to connect before the measurement starts regardless. */
const CONNECT_DEADLINE_MS = 5_000;
const CONNECT_POLL_MS = 100;

export async function pausedRedis(databasePath: string): Promise<Findings> {
  const redis = await startRedis();
  if (redis === null) {
    return {
      rows: [{ attack: 'Paused Redis', sent: 'nothing: redis-server is not installed', budget: 'runs', measured: 'not run', pass: false }],
      details: [],
    };
  }
  try {
    const server = await startProjectServer(databasePath, { REDIS_URL: redis.url });
    try {
      const operation = OPERATIONS.find((candidate) => candidate.id === 'certificateTypes')!;
      // Until the server's Redis client has connected, and for a second after a request found it
      // not answering, requests count on the local budget: measured from the first command on.
      const deadline = performance.now() + CONNECT_DEADLINE_MS;
      for (let seen = await redis.commandsProcessed(); performance.now() < deadline; await sleep(CONNECT_POLL_MS)) {
        await runAmount(server.graphqlUrl, operation, 1, 1);
        const now = await redis.commandsProcessed();
        if (now !== null && seen !== null && now > seen + 1) break;
        seen = now;
      }
      const commandsBefore = await redis.commandsProcessed();
      const running = await runAmount(server.graphqlUrl, operation, 1, REQUESTS);
      const commandsUsed = ((await redis.commandsProcessed()) ?? Number.NaN) - (commandsBefore ?? Number.NaN) - 1;
      process.kill(redis.pid, 'SIGSTOP');
      let paused: LoadResult;
      try {
        await sleep(PAUSE_SETTLE_MS);
        paused = await runAmount(server.graphqlUrl, operation, 1, REQUESTS);
      } finally {
        process.kill(redis.pid, 'SIGCONT');
      }
      const p99Budget = running.p99 + REDIS_TIMEOUT_MS;
      const failed = paused.errors + paused.non2xx + paused.graphqlErrors;
      return {
        rows: [
          {
            attack: 'Paused Redis',
            sent: `${REQUESTS} \`certificateTypes\` requests at 1 connection with REDIS_URL set (the rate limiter asks Redis: ${commandsUsed} commands), then ${REQUESTS} more with redis-server stopped (\`kill -STOP\`)`,
            budget: `every answer 200; p99 ≤ before + REDIS_TIMEOUT_MS (${REDIS_TIMEOUT_MS} ms); mean ≤ before + ${MEAN_BUDGET_MS} ms`,
            measured: `p99 ${ms(running.p99)} → ${ms(paused.p99)} ms, mean ${ms(running.mean)} → ${ms(paused.mean)} ms, max ${ms(paused.max)} ms; ${failed} failed`,
            pass: failed === 0 && commandsUsed > 0 && paused.p99 <= p99Budget && paused.mean <= running.mean + MEAN_BUDGET_MS,
          },
        ],
        details: [],
      };
    } finally {
      await server.stop();
    }
  } finally {
    await redis.stop();
  }
}
