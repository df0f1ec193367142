/**
 * What `bench/run.ts` and `bench/soak.ts` share: the operations, a seeded temporary database, the
 * real server in its production configuration, load generation, peak memory, and cleaning up every
 * child process however the script ends.
 */
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER = join(ROOT, 'src/server.ts');
const DB_CLI = join(ROOT, 'src/db/cli.ts');

/**
 * The production limit (600 a minute per client) would turn a load test from one address into a
 * test of 429s; a budget no run can exhaust keeps the limiter's own cost in every measurement.
 */
const UNREACHABLE_RATE_LIMIT = '100000000';
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
const MIGRATE_TIMEOUT_MS = 60_000;

export const GRAPHQL_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json' };

// ---------------------------------------------------------------------------------------------
// Operations

export interface Operation {
  id: string;
  label: string;
  /** Reference data is cacheable and judged by a stricter ratio than computations. */
  kind: 'reference' | 'computation';
  /** The body of the i-th request; the same for every i unless `varies`. */
  body: (i: number) => string;
  varies: boolean;
  /** The request as the report shows it. */
  shown: string;
}

function graphqlBody(query: string, variables?: Record<string, unknown>): string {
  return JSON.stringify(variables === undefined ? { query } : { query, variables });
}

const OFFICES = graphqlBody(
  '{ offices(first: 100) { totalCount nodes { id key kind ward wardCode name { ja en } postalCode address { ja en } phone procedures } } }',
);
const CERTIFICATE_TYPES = graphqlBody(
  '{ certificateTypes { kind name { ja en } pinRule { minLength maxLength allowedCharacters requiresLetter requiresDigit pattern lockAfterFailedAttempts } } }',
);
const ID_DOCUMENT_LISTS = graphqlBody('{ idDocumentLists { code rules { ja } documents { position name { ja en } issuedOnOrAfter photoRequired } } }');

const VALIDITY_QUERY = `query Validity($input: CertificateValidityInput!) {
  certificateValidity(input: $input) {
    asOf asOfWareki noteCodes
    signature { issuable birthdayCount expiresOn expiresOnWareki status renewal { opensOn expiresOn phase fee } }
    userAuthentication { issuable birthdayCount expiresOn expiresOnWareki status renewal { opensOn expiresOn phase fee } }
  }
}`;
const FIRST_BIRTH_DATE_MS = Date.UTC(1930, 0, 1);
const DAY_MS = 86_400_000;
/** Birth dates cycle through 1930-01-01 .. 2017-08 so every one stays before the issue date. */
const BIRTH_DATE_SPAN_DAYS = 32_000;

export function birthDate(i: number): string {
  return new Date(FIRST_BIRTH_DATE_MS + (i % BIRTH_DATE_SPAN_DAYS) * DAY_MS).toISOString().slice(0, 10);
}

function validityBody(i: number): string {
  // A fixed asOf keeps the answers the same from day to day; the birth date defeats every cache.
  return graphqlBody(VALIDITY_QUERY, { input: { birthDate: birthDate(i), issuedOn: '2024-06-03', asOf: '2025-06-02' } });
}

const MIX = [() => OFFICES, () => CERTIFICATE_TYPES, () => ID_DOCUMENT_LISTS, validityBody];

function fixed(id: string, label: string, body: string): Operation {
  return { id, label, kind: 'reference', body: () => body, varies: false, shown: `\`${body}\`` };
}

export const OPERATIONS: readonly Operation[] = [
  fixed('a', '(a) offices(first: 100), all fields', OFFICES),
  fixed('b', '(b) certificateTypes with PIN rules', CERTIFICATE_TYPES),
  fixed('c', '(c) idDocumentLists', ID_DOCUMENT_LISTS),
  {
    id: 'd',
    label: '(d) certificateValidity, new birth date each request',
    kind: 'computation',
    body: validityBody,
    varies: true,
    shown: `\`${validityBody(0).replace(/\s+/g, ' ')}\`, the i-th request with birthDate 1930-01-01 + (i mod ${BIRTH_DATE_SPAN_DAYS}) days`,
  },
  {
    id: 'e',
    label: '(e) mix of (a)..(d)',
    kind: 'computation',
    body: (i) => MIX[i % MIX.length]!(Math.floor(i / MIX.length)),
    varies: true,
    shown: '(a), (b), (c), (d) in turn, every (d) with a new birth date',
  },
];

export const MIX_OPERATION = OPERATIONS.find((operation) => operation.id === 'e')!;

// ---------------------------------------------------------------------------------------------
// Child processes: every one is killed, with its descendants, however this process ends.

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/** Registers a child so it is killed (with its descendants) if this process ends first. */
export function track(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** Direct children of `pid`, from /proc (cluster workers of the server, for instance). */
function childPidsOf(pid: number): number[] {
  if (!existsSync('/proc')) return [];
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses; the fields after its last ')' do not.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** `pid` and all its descendants, parents first. */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length && tree.length < 1_000; i++) tree.push(...childPidsOf(tree[i]!));
  return tree;
}

function killTree(pid: number, signal: NodeJS.Signals): void {
  for (const member of processTree(pid)) {
    try {
      process.kill(member, signal);
    } catch {
      // Already gone.
    }
  }
}

function killEverything(): void {
  for (const child of children) if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) killTree(child.pid, 'SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}

/** Kills the children and removes the temporary files on exit, on errors and on Ctrl-C. */
function installCleanup(): void {
  process.on('exit', killEverything);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the servers`);
      process.exit(130);
    });
  }
}

/** Runs a script's main with cleanup installed, exiting with its code (1 on a thrown error). */
export function runMain(main: () => Promise<number>): void {
  installCleanup();
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exit(1);
    },
  );
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** SIGTERM, then SIGKILL for the whole tree if it has not exited in time. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const tree = processTree(child.pid);
  try {
    child.kill('SIGTERM');
  } catch {
    // Already gone.
  }
  if (!(await waitForExit(child, STOP_TIMEOUT_MS))) child.kill('SIGKILL');
  for (const pid of tree.slice(1)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Exited with its parent, as it should.
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The database and the server

/** Only what Node needs: settings in the caller's shell must not change what is measured. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

export interface TempDatabase {
  path: string;
  remove(): void;
}

/** A fresh database, migrated and seeded by the project's own CLI, so start-up finds it ready. */
export async function prepareDatabase(): Promise<TempDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'jpki-bench-'));
  tempDirs.add(dir);
  const path = join(dir, 'jpki.db');
  const child = spawn(process.execPath, [DB_CLI, 'migrate'], { cwd: ROOT, env: { ...baseEnv(), DATABASE_PATH: path }, stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = await waitForExit(child, MIGRATE_TIMEOUT_MS);
  if (!exited) {
    child.kill('SIGKILL');
    throw new Error(`migrate did not finish in ${MIGRATE_TIMEOUT_MS} ms: ${output}`);
  }
  if (child.exitCode !== 0) throw new Error(`migrate exited with ${child.exitCode}: ${output}`);
  return {
    path,
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
      tempDirs.delete(dir);
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface RawResponse {
  status: number;
  /** As sent, in order, names in their original case. */
  headers: [string, string][];
  body: Buffer;
}

/** One request on its own connection, bounded in time. */
export function send(url: string, options: { method?: string; body?: string; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers: options.headers, agent: false, timeout: options.timeoutMs ?? 5_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const headers: [string, string][] = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
        resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} in ${options.timeoutMs ?? 5_000} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

export function postGraphql(url: string, body: string): Promise<RawResponse> {
  return send(url, { method: 'POST', body, headers: GRAPHQL_HEADERS });
}

export interface ServerHandle {
  child: ChildProcess;
  pid: number;
  origin: string;
  graphqlUrl: string;
  /** Spawn to the first successful GraphQL answer. */
  startupMs: number;
  webConcurrency: number;
  /** What the server printed (bounded), for error messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** The settings the benchmark runs the server with, for the report. */
export function serverSettings(): Record<string, string> {
  const settings: Record<string, string> = {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: UNREACHABLE_RATE_LIMIT,
  };
  if (process.env.WEB_CONCURRENCY) settings.WEB_CONCURRENCY = process.env.WEB_CONCURRENCY;
  return settings;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts `node src/server.ts` as production would, and waits (bounded) for its first answer. */
export async function startProjectServer(databasePath: string): Promise<ServerHandle> {
  const port = await freePort();
  const env = { ...baseEnv(), ...serverSettings(), PORT: String(port), DATABASE_PATH: databasePath };
  const origin = `http://127.0.0.1:${port}`;
  const graphqlUrl = `${origin}/graphql`;
  const started = performance.now();
  // The request log goes to a file beside the database, as it would to a log collector: every
  // request still writes its line, and no pipe back into this process competes for the cores.
  const log = openSync(join(dirname(databasePath), 'server.log'), 'w');
  const child = spawn(process.execPath, [SERVER], { cwd: ROOT, env, stdio: ['ignore', log, 'pipe'] });
  closeSync(log);
  track(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    // Only the first and the latest output matter for an error message; the rest would grow forever.
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stderr?.on('data', keep);

  const deadline = started + START_TIMEOUT_MS;
  let startupMs: number | null = null;
  while (startupMs === null) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited with ${child.exitCode ?? child.signalCode} before answering:\n${output}`);
    if (performance.now() > deadline) {
      await stopChild(child);
      throw new Error(`the server did not answer within ${START_TIMEOUT_MS} ms:\n${output}`);
    }
    try {
      const response = await send(graphqlUrl, { method: 'POST', body: CERTIFICATE_TYPES, headers: GRAPHQL_HEADERS, timeoutMs: 1_000 });
      if (response.status === 200) startupMs = performance.now() - started;
    } catch {
      // Not listening yet.
    }
    if (startupMs === null) await sleep(5);
  }
  return {
    child,
    pid: child.pid!,
    origin,
    graphqlUrl,
    startupMs,
    webConcurrency: Number(process.env.WEB_CONCURRENCY || 1),
    output: () => output,
    stop: () => stopChild(child),
  };
}

/** Checks the answer is a 200 without GraphQL errors, so the load test measures real work. */
export async function checkedAnswer(url: string, body: string): Promise<RawResponse> {
  const response = await postGraphql(url, body);
  const text = response.body.toString();
  if (response.status !== 200 || text.includes('"errors":')) throw new Error(`the server answered ${response.status} to ${body}:\n${text.slice(0, 2_000)}`);
  return response;
}

// ---------------------------------------------------------------------------------------------
// Measurements

/** The value of a Prometheus counter (summed over its labels), or null when /metrics lacks it. */
export async function readCounter(origin: string, name: string): Promise<number | null> {
  let response: RawResponse;
  try {
    response = await send(`${origin}/metrics`, { timeoutMs: 2_000 });
  } catch {
    return null;
  }
  if (response.status !== 200) return null;
  let total: number | null = null;
  for (const line of response.body.toString().split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (!rest.startsWith(' ') && !rest.startsWith('{')) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) total = (total ?? 0) + value;
  }
  return total;
}

export interface PeakMemory {
  /** VmHWM of each process of the server (the primary first), in bytes. */
  processes: { pid: number; bytes: number }[];
  maxBytes: number;
  sumBytes: number;
}

function statusField(pid: number, field: string): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Peak resident memory (VmHWM) of the server and of any workers it forked; null off Linux. */
export function peakMemory(pid: number): PeakMemory | null {
  const processes = processTree(pid).flatMap((member) => {
    const bytes = statusField(member, 'VmHWM');
    return bytes === null ? [] : [{ pid: member, bytes }];
  });
  if (processes.length === 0) return null;
  return {
    processes,
    maxBytes: Math.max(...processes.map((p) => p.bytes)),
    sumBytes: processes.reduce((sum, p) => sum + p.bytes, 0),
  };
}

/** Current resident memory (VmRSS) of the server's processes, summed; null off Linux. */
export function residentMemory(pid: number): number | null {
  const values = processTree(pid).map((member) => statusField(member, 'VmRSS'));
  return values.every((value) => value === null) ? null : values.reduce<number>((sum, value) => sum + (value ?? 0), 0);
}

export interface LoadResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  /** Latency percentiles of the 2xx answers, in ms, from the exact timings (autocannon's histogram keeps whole ms). */
  p50: number;
  p99: number;
  max: number;
  /** Connection errors and timeouts. */
  errors: number;
  non2xx: number;
  /** 2xx answers carrying a GraphQL `errors` entry. */
  graphqlErrors: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs autocannon against `url` for `seconds`, each request's body from `operation`. */
export function runLoad(url: string, operation: Operation, connections: number, seconds: number): Promise<LoadResult> {
  let next = 0;
  const requests: autocannon.Request[] = operation.varies ? [{ setupRequest: (request) => ({ ...request, body: operation.body(next++) }) }] : [{}];
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        duration: seconds,
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

// ---------------------------------------------------------------------------------------------
// Formatting

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function durationFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 1 || value > 3_600) throw new Error(`${name} must be a number of seconds from 1 to 3600; got ${JSON.stringify(raw)}`);
  return value;
}
