/** One-off HTTP requests the bench scripts make besides the load itself: checks, counters, probes. */
import { request as httpRequest } from 'node:http';

export const GRAPHQL_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

export interface RawResponse {
  status: number;
  /** As sent, in order, names in their original case. */
  headers: [string, string][];
  body: Buffer;
}

/** One request on its own connection, bounded in time. */
export function send(url: string, options: { method?: string; body?: string; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<RawResponse> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers: [string, string][] = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

export function postGraphql(url: string, body: string, timeoutMs?: number): Promise<RawResponse> {
  return send(url, { method: 'POST', body, headers: GRAPHQL_HEADERS, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
}

/** The answer, checked to be a 200 without GraphQL errors, so a load test measures real work. */
export async function checkedAnswer(url: string, body: string): Promise<RawResponse> {
  const response = await postGraphql(url, body);
  const text = response.body.toString();
  if (response.status !== 200 || text.includes('"errors":')) throw new Error(`${url} answered ${response.status} to ${body.slice(0, 300)}:\n${text.slice(0, 2_000)}`);
  return response;
}

/**
 * The metrics port renders its text at most once a second and gives every scrape in between the
 * same text (src/http/metrics-server.ts): a read sooner than this after the last would see old counts.
 */
const METRICS_FRESH_AFTER_MS = 1_100;
const lastMetricsRead = new Map<string, number>();

/**
 * The values of Prometheus metrics (each summed over its labels) at the metrics port at `origin`,
 * from one scrape; null for a metric it lacks, or for all when it does not answer. Waits, when
 * needed, until the text is rendered anew.
 */
export async function readMetrics<Name extends string>(origin: string, names: readonly Name[]): Promise<Record<Name, number | null>> {
  const values = Object.fromEntries(names.map((name) => [name, null])) as Record<Name, number | null>;
  const wait = (lastMetricsRead.get(origin) ?? -Infinity) + METRICS_FRESH_AFTER_MS - performance.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  lastMetricsRead.set(origin, performance.now());
  let response: RawResponse;
  try {
    response = await send(`${origin}/metrics`, { timeoutMs: 2_000 });
  } catch {
    return values;
  }
  if (response.status !== 200) return values;
  for (const line of response.body.toString().split('\n')) {
    const name = names.find((candidate) => line.startsWith(candidate) && (line[candidate.length] === ' ' || line[candidate.length] === '{'));
    if (name === undefined) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) values[name] = (values[name] ?? 0) + value;
  }
  return values;
}

/** The value of one counter, as `readMetrics` reads it. */
export async function readCounter(origin: string, name: string): Promise<number | null> {
  return (await readMetrics(origin, [name]))[name] ?? null;
}
