/**
 * One request at a time against a real server, each timed on the client and charged the server's
 * CPU time it caused (bench/cpu.ts: every thread of the server's process tree, in ns, read just
 * before the request and just after its answer).
 */
import { exchange, type Outcome } from '../../test/support/sockets.ts';
import { cpuNanos } from '../cpu.ts';
import { percentile } from '../load.ts';
import { withDeadline } from '../processes.ts';

/** No request of the harness waits longer: a server that stops answering fails its row, it does not hang the run. */
const REQUEST_DEADLINE_MS = 30_000;

export interface Sample {
  /** From the first byte sent to the last byte of the answer, on the client. */
  ms: number;
  /** Server CPU time the request cost, in ms. */
  cpuMs: number;
  /** The status, or the connection's error code. */
  status: number | string;
  /** `extensions.code` of the first error of the answer, if any. */
  code: string | null;
  /** `extensions.cost.requested` of an answer with `data`: the cost of an operation that ran; null when none did. */
  executedCost: number | null;
  bytes: number;
}

interface AnswerBody {
  data?: unknown;
  errors?: { extensions?: { code?: string } }[];
  extensions?: { cost?: { requested?: number | null } };
}

/** The first error's code, and the cost of the operation if it ran, from an answer's body. */
function readAnswer(text: string): Pick<Sample, 'code' | 'executedCost'> {
  let answer: AnswerBody;
  try {
    answer = JSON.parse(text) as AnswerBody;
  } catch {
    return { code: null, executedCost: null };
  }
  const requested = answer.extensions?.cost?.requested;
  return { code: answer.errors?.[0]?.extensions?.code ?? null, executedCost: answer.data != null && typeof requested === 'number' ? requested : null };
}

/** One request on a connection of its own, timed; rejects past the deadline. */
export async function timed(url: string, init: Parameters<typeof exchange>[1] = {}): Promise<{ ms: number; outcome: Outcome }> {
  const started = performance.now();
  const outcome = await withDeadline(exchange(url, init).outcome, REQUEST_DEADLINE_MS, `no answer from ${url}`);
  return { ms: performance.now() - started, outcome };
}

/** POSTs `body` to the server's /graphql, charging it the server's CPU time meanwhile. */
export async function sample(server: { pid: number; graphqlUrl: string }, body: string): Promise<Sample> {
  const before = cpuNanos(server.pid);
  const { ms, outcome } = await timed(server.graphqlUrl, { method: 'POST', body, headers: { accept: 'application/graphql-response+json' } });
  const cpuMs = (cpuNanos(server.pid) - before) / 1e6;
  if ('error' in outcome) return { ms, cpuMs, status: outcome.error, code: null, executedCost: null, bytes: 0 };
  return { ms, cpuMs, status: outcome.status, ...readAnswer(outcome.text), bytes: Buffer.byteLength(outcome.text) };
}

/** `count` requests in turn, the i-th with `body(i)`. */
export async function samples(server: { pid: number; graphqlUrl: string }, body: (i: number) => string, count: number): Promise<Sample[]> {
  const taken: Sample[] = [];
  for (let i = 0; i < count; i++) taken.push(await sample(server, body(i)));
  return taken;
}

/**
 * `count` requests made in turn by `send`, and the server's CPU time from before the first to after
 * the last divided by `count`: what one request of the stream costs, the collections the stream
 * causes shared among its requests (the definition of server CPU per request of `npm run bench`).
 */
export async function perRequestCpu<T>(pid: number, count: number, send: (i: number) => Promise<T>): Promise<{ results: T[]; cpuMsPerRequest: number }> {
  const results: T[] = [];
  const before = cpuNanos(pid);
  for (let i = 0; i < count; i++) results.push(await send(i));
  return { results, cpuMsPerRequest: (cpuNanos(pid) - before) / 1e6 / count };
}

/** `count` requests in turn, as `samples`, charged the server's CPU as `perRequestCpu` does. */
export async function stream(server: { pid: number; graphqlUrl: string }, body: (i: number) => string, count: number): Promise<{ taken: Sample[]; cpuMsPerRequest: number }> {
  const { results, cpuMsPerRequest } = await perRequestCpu(server.pid, count, (i) => sample(server, body(i)));
  return { taken: results, cpuMsPerRequest };
}

export interface Spread {
  p50: number;
  p99: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const sorted = Float64Array.from(values).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN };
}

/** `200 ×12, 400 QUERY_TOO_COMPLEX ×8`: what the server answered, grouped. */
export function answers(taken: Sample[]): string {
  const counts = new Map<string, number>();
  for (const s of taken) {
    const key = s.code === null ? String(s.status) : `${s.status} ${s.code}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${key} ×${n}`).join(', ');
}
