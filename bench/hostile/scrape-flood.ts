/**
 * A flood of scrapes on the metrics port (METRICS_PORT) while /graphql is measured at one
 * connection: the flood comes from a process of its own (autocannon's command line), so the
 * client measuring /graphql shares no event loop with it.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpuMicros } from '../cpu.ts';
import { runAmount, type LoadResult } from '../load.ts';
import { megabytes, residentMemory, totalBytes } from '../memory.ts';
import { OPERATIONS } from '../operations.ts';
import { sleep, stopChild, track, waitForExit } from '../processes.ts';
import { ms } from '../report.ts';
import type { ServerHandle } from '../servers.ts';
import type { Findings } from './row.ts';

const AUTOCANNON_CLI = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
const FLOOD_CONNECTIONS = 50;
const FLOOD_SECONDS = 8;
/** The flood runs alone this long before /graphql is measured. */
const RAMP_UP_MS = 1_000;
const MEMORY_SAMPLE_MS = 100;
const GRAPHQL_REQUESTS = 2_000;
const MEMORY_GROWTH_BUDGET_BYTES = 16 * 1024 * 1024;
/** benchmarks.md's p99 goal at one connection; or twice the p99 before the flood, when that is higher. */
const P99_FLOOR_MS = 3;
const P99_FACTOR = 2;

interface FloodResult {
  answered: number;
  errors: number;
  seconds: number;
}

/** autocannon's command line against `url`; resolves with its JSON summary once it ends. */
function startFlood(url: string): { done: Promise<FloodResult> } {
  const child = spawn(process.execPath, [AUTOCANNON_CLI, '-c', String(FLOOD_CONNECTIONS), '-d', String(FLOOD_SECONDS), '-j', '-n', url], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  track(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.resume();
  const done = (async () => {
    if (!(await waitForExit(child, (FLOOD_SECONDS + 20) * 1_000))) {
      await stopChild(child);
      throw new Error('the scrape flood did not end');
    }
    const summary = JSON.parse(output) as { '2xx': number; errors: number; timeouts: number; duration: number };
    return { answered: summary['2xx'], errors: summary.errors + summary.timeouts, seconds: summary.duration };
  })();
  return { done };
}

/** All processes' resident bytes; NaN without /proc, which fails the memory row. */
const residentBytes = (pid: number) => totalBytes(residentMemory(pid)) ?? Number.NaN;

export async function scrapeFlood(server: ServerHandle): Promise<Findings> {
  const operation = OPERATIONS.find((candidate) => candidate.id === 'certificateTypes')!;
  const measure = async (): Promise<{ load: LoadResult; cpuShare: number }> => {
    const cpuBefore = cpuMicros(server.pid);
    const started = performance.now();
    const load = await runAmount(server.graphqlUrl, operation, 1, GRAPHQL_REQUESTS);
    return { load, cpuShare: (cpuMicros(server.pid) - cpuBefore) / ((performance.now() - started) * 1_000) };
  };
  const quiet = await measure();
  const memoryBefore = residentBytes(server.pid);
  let memoryPeak = memoryBefore;
  const sampler = setInterval(() => (memoryPeak = Math.max(memoryPeak, residentBytes(server.pid))), MEMORY_SAMPLE_MS);
  let flooded: { load: LoadResult; cpuShare: number };
  let flood: FloodResult;
  try {
    const running = startFlood(`${server.metricsOrigin}/metrics`);
    await sleep(RAMP_UP_MS);
    flooded = await measure();
    flood = await running.done;
  } finally {
    clearInterval(sampler);
  }
  const p99Budget = Math.max(P99_FLOOR_MS, P99_FACTOR * quiet.load.p99);
  const growth = memoryPeak - memoryBefore;
  const sent = `${FLOOD_CONNECTIONS} connections scraping \`/metrics\` on the metrics port as fast as answered, for ${FLOOD_SECONDS} s (autocannon in a process of its own)`;
  const scrapes = `${flood.answered} scrapes answered in ${flood.seconds.toFixed(1)} s, ${flood.errors} refused or failed`;
  const cpu = (share: number) => `${Math.round(share * 100)} %`;
  return {
    rows: [
      {
        attack: 'Scrape flood: memory',
        sent,
        budget: `resident memory of all processes grows ≤ ${megabytes(MEMORY_GROWTH_BUDGET_BYTES)} (sampled every ${MEMORY_SAMPLE_MS} ms)`,
        measured: `${megabytes(memoryBefore)} → peak ${megabytes(memoryPeak)} (+${megabytes(Math.max(0, growth))}); ${scrapes}`,
        pass: Number.isFinite(growth) && growth <= MEMORY_GROWTH_BUDGET_BYTES,
      },
      {
        attack: 'Scrape flood: /graphql meanwhile',
        sent: `${GRAPHQL_REQUESTS} \`certificateTypes\` requests at 1 connection, before and during the flood`,
        budget: `p99 during ≤ ${ms(p99Budget)} ms (${P99_FACTOR}× before, at least ${P99_FLOOR_MS} ms); every answer 200`,
        measured: `p99 ${ms(quiet.load.p99)} → ${ms(flooded.load.p99)} ms (p50 ${ms(quiet.load.p50)} → ${ms(flooded.load.p50)}); server CPU ${cpu(quiet.cpuShare)} → ${cpu(flooded.cpuShare)} of a core; ${flooded.load.non2xx + flooded.load.errors} failed`,
        pass: flooded.load.p99 <= p99Budget && flooded.load.non2xx + flooded.load.errors + flooded.load.graphqlErrors === 0,
      },
    ],
    details: [],
  };
}
