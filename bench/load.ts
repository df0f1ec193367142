/** Load generation with autocannon, latencies from exact per-response timings. */
import autocannon from 'autocannon';
import { GRAPHQL_HEADERS } from './http.ts';
import type { Operation } from './operations.ts';

export interface LoadResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  /** Latency percentiles of the 2xx answers, in ms, from the exact timings (autocannon's histogram keeps whole ms). */
  p50: number;
  p99: number;
  max: number;
  mean: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** 2xx answers carrying a GraphQL `errors` entry. */
  graphqlErrors: number;
}

export function problems(result: LoadResult): number {
  return result.errors + result.non2xx + result.graphqlErrors;
}

/** The p-th percentile (nearest rank) of ascending values. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs autocannon against `url` for `seconds`, each request's body from `operation`. */
export function runLoad(url: string, operation: Operation, connections: number, seconds: number): Promise<LoadResult> {
  return cannon(url, operation, connections, { duration: seconds });
}

/** Sends exactly `amount` requests (bodies 0 .. amount - 1 of `operation`) over `connections`. */
export function runAmount(url: string, operation: Operation, connections: number, amount: number): Promise<LoadResult> {
  return cannon(url, operation, connections, { amount });
}

function cannon(url: string, operation: Operation, connections: number, limit: { duration: number } | { amount: number }): Promise<LoadResult> {
  let next = 0;
  const requests: autocannon.Request[] = operation.varies ? [{ setupRequest: (request) => ({ ...request, body: operation.body(next++) }) }] : [{}];
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        ...limit,
        method: 'POST',
        headers: GRAPHQL_HEADERS,
        body: operation.body(0),
        requests,
        timeout: 10,
        verifyBody: (body) => !String(body).includes('"errors":'),
      },
      (error, result) => {
        if (error) return reject(error);
        const sorted = Float64Array.from(latencies).sort();
        resolve({
          requests: result.requests.total,
          seconds: result.duration,
          requestsPerSecond: result.requests.total / result.duration,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
          mean: sorted.length > 0 ? sorted.reduce((sum, value) => sum + value, 0) / sorted.length : Number.NaN,
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
          graphqlErrors: result.mismatches,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

export function durationFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 1 || value > 3_600) throw new Error(`${name} must be a number of seconds from 1 to 3600; got ${JSON.stringify(raw)}`);
  return value;
}
