import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDatabasePath } from './support/app.ts';
import { STARTUP_LIMIT_MS, untilListening } from './support/readiness.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';
import { childrenOf } from './support/sockets.ts';

const REQUESTS = 200;
const WORKERS = 2;

/** One request on a connection of its own, so that the primary hands it to the next worker. */
function send(url: URL, method: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method, headers, agent: false }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The sum of a counter's samples whose labels include `labels` (all of them when empty). */
function sum(text: string, name: string, labels = ''): number {
  let total = 0;
  for (const [, sampleLabels, value] of text.matchAll(new RegExp(`^${name}(?:\\{([^}]*)\\})? (\\S+)$`, 'gm'))) {
    if ((sampleLabels ?? '').includes(labels)) total += Number(value);
  }
  return total;
}

describe(`/metrics with WEB_CONCURRENCY=${WORKERS}`, () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServer({ WEB_CONCURRENCY: String(WORKERS), RATE_LIMIT_PER_MINUTE: '0', DATABASE_PATH: temporaryDatabasePath() });
    await untilListening(server, WORKERS);
  }, STARTUP_LIMIT_MS);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
  });

  it('reports every worker’s requests and the process metrics on the primary’s METRICS_PORT', async () => {
    const graphql = new URL(server.url);
    const statuses = [];
    for (let batch = 0; batch < REQUESTS / 10; batch++) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => send(graphql, 'POST', '{"query":"{ notices { key } }"}')));
      statuses.push(...answers.map((answer) => answer.status));
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(REQUESTS);

    for (let scrape = 0; scrape < 2 * WORKERS; scrape++) {
      const metrics = await send(new URL(server.metricsUrl), 'GET');
      expect(metrics.status).toBe(200);
      expect(sum(metrics.text, 'http_requests_total', 'path="/graphql"')).toBe(REQUESTS);
      expect(sum(metrics.text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
      expect(metrics.text).toMatch(/^# TYPE http_request_duration_seconds histogram$/m);
      expect(sum(metrics.text, 'http_request_duration_seconds_count')).toBeGreaterThanOrEqual(REQUESTS);
    }
  }, 60_000);

  it('answers when one worker does not, with how many did, summing the silent one with its last answer so no counter goes back', async () => {
    const [stuck] = childrenOf(server.child.pid!);
    process.kill(stuck!, 'SIGSTOP');
    try {
      // Past the interval in which scrapes share one rendering (metrics-server.ts).
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const started = performance.now();
      const metrics = await send(new URL(server.metricsUrl), 'GET');
      expect(metrics.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(4_000);
      expect(sum(metrics.text, 'cluster_workers')).toBe(WORKERS);
      expect(sum(metrics.text, 'cluster_workers_reporting')).toBe(WORKERS - 1);
      // The previous test's scrapes had every worker's answer: the stuck one's counts are still in.
      expect(sum(metrics.text, 'http_requests_total', 'path="/graphql"')).toBe(REQUESTS);
    } finally {
      process.kill(stuck!, 'SIGCONT');
    }
    // Once it answers again, every worker is in the sums.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const metrics = await send(new URL(server.metricsUrl), 'GET');
    expect(sum(metrics.text, 'cluster_workers_reporting')).toBe(WORKERS);
    expect(sum(metrics.text, 'http_requests_total', 'path="/graphql"')).toBe(REQUESTS);
  }, 60_000);

  // An operator probe (2026-12-06): the supervising primary, about 100 MB, was in no sum.
  it('reports the primary’s own resident memory apart from the workers’ sum, within 10% of what /proc says it holds', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const metrics = await send(new URL(server.metricsUrl), 'GET');
    const residentKb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${server.child.pid}/status`, 'utf8'))![1]);
    expect(metrics.text).toMatch(/^# TYPE cluster_primary_resident_memory_bytes gauge$/m);
    expect(Math.abs(sum(metrics.text, 'cluster_primary_resident_memory_bytes') / (residentKb * 1024) - 1)).toBeLessThan(0.1);
  }, 60_000);
});
