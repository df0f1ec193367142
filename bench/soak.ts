/**
 * `npm run soak`: the real server in its production configuration under 50 connections of the
 * operation mix for SOAK_DURATION seconds (default 60), twice: one process (the default,
 * WEB_CONCURRENCY=1); then a primary supervising two workers (WEB_CONCURRENCY=2) with a throwaway
 * Redis (REDIS_URL) when `redis-server` is installed. Fails on any error or when peak resident
 * memory passes the budget (all processes together for the default start; each process in the
 * cluster, whose workers share no heap). Writes docs/soak.md.
 */
import { cpuMicros } from './cpu.ts';
import { problems, runLoad, durationFromEnv, type LoadResult } from './load.ts';
import { megabytes, peakMemory, residentMemory, type PeakMemory } from './memory.ts';
import { MIX_OPERATION } from './operations.ts';
import { runMain } from './processes.ts';
import { micros, ms, progress, settingsLine, verdict, writeDoc } from './report.ts';
import { prepareDatabase, serverSettings, startProjectServer, startRedis, type RedisHandle } from './servers.ts';

const CONNECTIONS = 50;
/** All processes of the default start together; in the cluster, each process (workers share no heap). */
const MEMORY_BUDGET_BYTES = 256 * 1024 * 1024;

interface SoakResult {
  title: string;
  settings: Record<string, string>;
  load: LoadResult;
  /** Server CPU time (user + system, every process) per answered request, in µs. */
  cpuPerRequest: number;
  rssBefore: { pid: number; bytes: number }[] | null;
  peak: PeakMemory | null;
  errorsOk: boolean;
  memoryOk: boolean;
  /** Commands the server sent Redis during the soak; null without Redis. */
  redisCommands: number | null;
}

async function soak(title: string, databasePath: string, seconds: number, redis: RedisHandle | null, extra: Record<string, string> = {}): Promise<SoakResult> {
  const server = await startProjectServer(databasePath, { ...extra, ...(redis ? { REDIS_URL: redis.url } : {}) });
  try {
    const rssBefore = residentMemory(server.pid);
    progress(`${title}: server up in ${Math.round(server.startupMs)} ms; ${CONNECTIONS} connections of ${MIX_OPERATION.label} for ${seconds} s`);
    const commandsBefore = (await redis?.commandsProcessed()) ?? null;
    const cpuBefore = cpuMicros(server.pid);
    const load = await runLoad(server.graphqlUrl, MIX_OPERATION, CONNECTIONS, seconds);
    const cpuPerRequest = (cpuMicros(server.pid) - cpuBefore) / load.requests;
    const commandsAfter = (await redis?.commandsProcessed()) ?? null;
    const peak = peakMemory(server.pid);
    return {
      title,
      settings: serverSettings({ ...extra, ...(redis ? { REDIS_URL: redis.url } : {}) }),
      // Less the INFO command asking.
      redisCommands: commandsBefore === null || commandsAfter === null ? null : commandsAfter - commandsBefore - 1,
      load,
      cpuPerRequest,
      rssBefore,
      peak,
      errorsOk: problems(load) === 0,
      memoryOk: peak === null || (extra.WEB_CONCURRENCY === undefined ? peak.sumBytes : peak.maxBytes) <= MEMORY_BUDGET_BYTES,
    };
  } finally {
    await server.stop();
  }
}

function memoryList(processes: { pid: number; bytes: number }[] | null): string {
  return processes === null ? 'n/a (no /proc)' : processes.map((p) => `${p.pid}: ${megabytes(p.bytes)}`).join(', ');
}

function section(result: SoakResult): string {
  const { load } = result;
  const workers = Number(result.settings.WEB_CONCURRENCY ?? 1);
  const lines = [
    `requests:        ${load.requests} in ${load.seconds} s (${Math.round(load.requestsPerSecond)} req/s)`,
    `errors:          ${load.errors} (connection errors and timeouts)`,
    `non-2xx:         ${load.non2xx}`,
    `GraphQL errors:  ${load.graphqlErrors}`,
    `latency:         p50 ${ms(load.p50)} ms, p99 ${ms(load.p99)} ms, max ${ms(load.max)} ms`,
    `server CPU:      ${micros(result.cpuPerRequest)} µs per request (user + system, every process, from /proc)`,
    `resident before: ${memoryList(result.rssBefore)}`,
    `peak (VmHWM):    ${memoryList(result.peak?.processes ?? null)}${workers > 1 ? ' (the primary first, then the workers)' : ''}`,
    ...(result.redisCommands === null ? [] : [`redis:           ${result.redisCommands} commands from the server during the soak${result.redisCommands === 0 ? ' (the server did not use Redis)' : ''}`]),
    `${verdict(result.errorsOk)} no errors, no non-2xx, no GraphQL errors`,
    `${verdict(result.memoryOk)} peak resident memory ≤ ${megabytes(MEMORY_BUDGET_BYTES)} ${workers > 1 ? 'in every process' : 'for all processes together'}`,
  ];
  return `## ${result.title}\n\nSettings: \`${settingsLine(result.settings)}\`.\n\n\`\`\`text\n${lines.join('\n')}\n\`\`\`\n`;
}

async function main(): Promise<number> {
  const seconds = durationFromEnv('SOAK_DURATION', 60);
  const database = prepareDatabase();
  const results: SoakResult[] = [];
  let redis: RedisHandle | null = null;
  try {
    results.push(await soak('One process (the default)', database.path, seconds, null));
    redis = await startRedis();
    if (redis) progress(`${redis.version} at ${redis.url}`);
    else progress('redis-server is not installed: the two-worker soak runs without REDIS_URL');
    const clusterTitle = redis ? 'A primary and two workers (WEB_CONCURRENCY=2) sharing a Redis' : 'A primary and two workers (WEB_CONCURRENCY=2; no redis-server installed: without Redis)';
    results.push(await soak(clusterTitle, database.path, seconds, redis, { WEB_CONCURRENCY: '2' }));
  } finally {
    await redis?.stop();
    database.remove();
  }
  writeDoc(
    'soak.md',
    `# Soak

Written by \`npm run soak\` (\`bench/soak.ts\`) on ${new Date().toISOString()}: the server in its production
configuration (as in [benchmarks.md](benchmarks.md)), ${CONNECTIONS} connections of the ${MIX_OPERATION.label}
(${MIX_OPERATION.shown}) for ${seconds} s, Node ${process.version}; once as one process serving alone (the default,
\`WEB_CONCURRENCY=1\`), once as a primary supervising two workers (\`WEB_CONCURRENCY=2\`)${redis ? `, with a throwaway \`${redis.version.split(' ').slice(0, 3).join(' ')}\` on loopback (nothing persisted) as \`REDIS_URL\`` : ''}.
Reproduce with \`npm run soak\` (\`SOAK_DURATION=<seconds>\`).

${results.map(section).join('\n')}`,
  );
  return results.every((result) => result.errorsOk && result.memoryOk) ? 0 : 1;
}

runMain(main);
