/**
 * `npm run bench:libraries`: what the well-kept libraries cost per request against the hand-written
 * code they replaced, in-process, with no HTTP around them: prom-client's counter + histogram
 * against the old registry (src/http/metrics.ts), and rate-limiter-flexible's in-memory limiter
 * against the old token bucket (src/http/rate-limit.ts). Both old files are read from git at the
 * last commit that had them. With redis-server on PATH, also one consume through Redis on loopback.
 * Prints a Markdown table for docs/library-choices.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { createRateLimiter } from '../src/http/rate-limit.ts';
import { createLogger } from '../src/observability/logger.ts';
import { Metrics } from '../src/observability/metrics.ts';
import { runMain } from './processes.ts';
import { ROOT } from './report.ts';
import { startRedis } from './servers.ts';

/** The last commit with the hand-written metrics registry and token bucket. */
const HAND_WRITTEN_AT = 'ccf4e07c05c18ccf1a6cbf9f3bcd35de9f7ac284';
const ROUNDS = 5;
const silent = createLogger('silent');

async function handWritten(): Promise<{ metrics: any; limiter: any; cleanup: () => void }> {
  const directory = mkdtempSync(join(tmpdir(), 'jpki-hand-written-'));
  const load = async (path: string) => {
    const file = join(directory, path.replaceAll('/', '_'));
    writeFileSync(file, execFileSync('git', ['show', `${HAND_WRITTEN_AT}:${path}`], { cwd: ROOT }));
    return import(pathToFileURL(file).href);
  };
  const { Metrics: OldMetrics } = await load('src/http/metrics.ts');
  const { RateLimiter: OldRateLimiter } = await load('src/http/rate-limit.ts');
  return { metrics: new OldMetrics(), limiter: new OldRateLimiter(100_000_000), cleanup: () => rmSync(directory, { recursive: true, force: true }) };
}

/** Median nanoseconds per call over ROUNDS rounds of `iterations` calls, after one warm-up round. */
async function measure(iterations: number, call: (i: number) => unknown): Promise<number> {
  const rounds: number[] = [];
  for (let round = 0; round <= ROUNDS; round++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) {
      const result = call(i);
      if (result instanceof Promise) await result;
    }
    if (round > 0) rounds.push(Number(process.hrtime.bigint() - started) / iterations);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(rounds.length / 2)]!;
}

/** What the handler records for one answered request. */
const STATUSES = ['200', '200', '200', '304', '429'];
function recordRequest(metrics: { requests: { inc(labels: Record<string, string>): void }; observeDuration(seconds: number): void }, i: number): void {
  metrics.requests.inc({ path: '/graphql', status: STATUSES[i % STATUSES.length]!, cache: i % 3 === 0 ? 'miss' : 'hit' });
  metrics.observeDuration((i % 50) / 10_000);
}

async function main(): Promise<number> {
  const old = await handWritten();
  const metrics = new Metrics();
  const memoryLimiter = createRateLimiter({ perMinute: 100_000_000, maxClients: loadConfig({}).rateLimitMaxClients, redisUrl: null, redisTimeoutMs: loadConfig({}).redisTimeoutMs, logger: silent });
  const clients = Array.from({ length: 1_000 }, (_, i) => `ip:10.0.${i >> 8}.${i & 255}`);
  const rows: [string, number, number | null][] = [
    ['metrics: one request counted (counter with 3 labels + duration histogram)', await measure(200_000, (i) => recordRequest(old.metrics, i)), await measure(200_000, (i) => recordRequest(metrics, i))],
    ['metrics: one scrape rendered', await measure(2_000, () => old.metrics.render()), await measure(2_000, () => metrics.render())],
    ['rate limit: one request counted (1,000 clients in turn)', await measure(200_000, (i) => old.limiter.take(clients[i % clients.length])), await measure(200_000, (i) => memoryLimiter.consume(clients[i % clients.length]!))],
  ];
  old.cleanup();
  const redis = await startRedis();
  if (redis) {
    const redisLimiter = createRateLimiter({ perMinute: 100_000_000, maxClients: loadConfig({}).rateLimitMaxClients, redisUrl: redis.url, redisTimeoutMs: loadConfig({}).redisTimeoutMs, logger: silent });
    await redisLimiter.consume('warm-up');
    rows.push(['rate limit through Redis on loopback: one request counted, awaited in turn', Number.NaN, await measure(5_000, (i) => redisLimiter.consume(clients[i % clients.length]!))]);
    redisLimiter.close();
    await redis.stop();
  }
  const cell = (ns: number | null) => (ns === null || Number.isNaN(ns) ? '–' : ns >= 10_000 ? `${(ns / 1000).toFixed(0)} µs` : `${Math.round(ns)} ns`);
  const lines = [
    `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; median of ${ROUNDS} rounds, per call:`,
    '',
    '| what | hand-written (before) | library (now) |',
    '| --- | --- | --- |',
    ...rows.map(([what, before, now]) => `| ${what} | ${cell(before)} | ${cell(now)} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

runMain(main);
