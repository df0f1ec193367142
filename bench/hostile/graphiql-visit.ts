/**
 * GraphiQL's first visit to a server that has already met every other attack: the page and every
 * file it names, in brotli and gzip, as a browser of each kind would ask. Anyone may make that
 * visit, once per process, and it makes 9 MB of files and their compressed forms: an earlier
 * version imported the bundle module for them and took a server that had answered 20,000 distinct
 * queries from 235 to 317 MB at the peak. /health is asked meanwhile, one request at a time, for
 * how long the event loop is held.
 */
import { brotliDecompressSync } from 'node:zlib';
import { send } from '../http.ts';
import { megabytes, peakMemory } from '../memory.ts';
import { ms } from '../report.ts';
import type { ServerHandle } from '../servers.ts';
import { MEMORY_BUDGET_BYTES } from './floods.ts';
import type { Row } from './row.ts';

/** The fan-out's budget for /health meanwhile (expensive-documents.ts): the event loop is never held longer. */
const HEALTH_BUDGET_MS = 50;

/** The first page waits for the files to be made, and each file for its compression. */
const VISIT_TIMEOUT_MS = 30_000;

const get = (origin: string, path: string, headers: Record<string, string>) => send(new URL(path, origin).href, { headers, timeoutMs: VISIT_TIMEOUT_MS });

/** Asks /health again as soon as answered until `stop`; the slowest answer. */
async function slowestHealth(origin: string, stop: Promise<unknown>): Promise<number> {
  let done = false;
  void stop.finally(() => (done = true));
  let slowest = 0;
  while (!done) {
    const started = performance.now();
    await get(origin, '/health', {});
    slowest = Math.max(slowest, performance.now() - started);
  }
  return slowest;
}

export async function graphiqlFirstVisit(server: ServerHandle): Promise<Row> {
  const { origin } = server;
  const visit = (async () => {
    const started = performance.now();
    const page = await get(origin, '/graphql', { accept: 'text/html', 'accept-encoding': 'br' });
    const pageMs = performance.now() - started;
    const named = [...brotliDecompressSync(page.body).toString().matchAll(/"(graphiql\/[^"]+)"/g)].map((match) => `/${match[1]}`);
    const statuses: number[] = [page.status];
    for (const path of named) {
      for (const coding of ['br', 'gzip']) statuses.push((await get(origin, path, { 'accept-encoding': coding })).status);
    }
    return { pageMs, files: named.length, statuses, seconds: (performance.now() - started) / 1000 };
  })();
  const [slowest, result] = await Promise.all([slowestHealth(origin, visit), visit]);
  const peak = peakMemory(server.pid);
  const allOk = result.files === 6 && result.statuses.every((status) => status === 200);
  return {
    attack: "GraphiQL's first visit",
    sent: `after every attack above: the page, then each of the files it names in brotli and in gzip (${result.statuses.length} requests); \`/health\` asked meanwhile`,
    budget: `every answer 200; peak resident (VmHWM) of all processes together ≤ ${megabytes(MEMORY_BUDGET_BYTES)}; \`/health\` answered within ${HEALTH_BUDGET_MS} ms throughout`,
    measured: `${allOk ? 'every answer 200' : `statuses ${[...new Set(result.statuses)].join(', ')}, ${result.files} files named`}; peak ${peak === null ? 'n/a (no /proc)' : megabytes(peak.sumBytes)}; slowest /health ${ms(slowest)} ms; first page after ${ms(result.pageMs)} ms, all in ${result.seconds.toFixed(1)} s`,
    pass: allOk && peak !== null && peak.sumBytes <= MEMORY_BUDGET_BYTES && slowest <= HEALTH_BUDGET_MS,
  };
}
