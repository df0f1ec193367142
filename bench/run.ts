/**
 * `npm run bench`: the real server, in its production configuration, against a bare node:http
 * baseline serving the very same bytes, for each representative operation. Prints the results
 * with the targets and writes them to docs/benchmarks.md.
 *
 * BENCH_DURATION: seconds per run (default 5); WEB_CONCURRENCY is passed to the server.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { canned, startBaseline, type CannedResponse } from './baseline.ts';
import {
  checkedAnswer,
  durationFromEnv,
  megabytes,
  MIX_OPERATION,
  OPERATIONS,
  peakMemory,
  prepareDatabase,
  readCounter,
  ROOT,
  runLoad,
  runMain,
  serverSettings,
  startProjectServer,
  type LoadResult,
  type Operation,
  type PeakMemory,
  type ServerHandle,
} from './support.ts';

const CONNECTIONS = 50;
const ROUNDS = 3;
const SQL_COUNTER = 'sqlite_statements_total';
const VERSIONED_PACKAGES = ['graphql', 'graphql-yoga', '@pothos/core', 'drizzle-orm', 'better-sqlite3'];
const DOC = join(ROOT, 'docs/benchmarks.md');
const LIBRARY_SECTION = '## Library choices';

const TARGETS = {
  referenceRatio: 0.3,
  computationRatio: 0.1,
  p99At50Ms: 20,
  p99At1Ms: 3,
  startupMs: 1_000,
};

interface OperationResult {
  operation: Operation;
  project: LoadResult[];
  baseline: LoadResult[];
  single: LoadResult;
  projectRps: number;
  baselineRps: number;
  ratio: number;
  p50: number;
  p99: number;
  sqlPerRequest: number | null;
}

interface SqlConstancy {
  small: number;
  full: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const sum = (results: LoadResult[], pick: (result: LoadResult) => number) => results.reduce((total, result) => total + pick(result), 0);

/** What the project answers to each operation, replayed by the baseline ((e) rotates through a..d). */
async function cannedResponses(server: ServerHandle): Promise<Map<string, CannedResponse[]>> {
  const byId = new Map<string, CannedResponse[]>();
  for (const operation of OPERATIONS) {
    if (operation === MIX_OPERATION) continue;
    // A varying operation is checked at both ends of its range; the first answer stands for all.
    if (operation.varies) await checkedAnswer(server.graphqlUrl, operation.body(31_999));
    byId.set(operation.id, [canned(await checkedAnswer(server.graphqlUrl, operation.body(0)))]);
  }
  byId.set(
    MIX_OPERATION.id,
    OPERATIONS.filter((operation) => operation !== MIX_OPERATION).flatMap((operation) => byId.get(operation.id)!),
  );
  return byId;
}

/**
 * Statements one uncached execution runs, for the smallest and the largest offices page: a comment
 * unique to each request defeats the response cache. The median of single requests ignores the
 * statement the server's periodic data check may add.
 */
async function sqlConstancy(server: ServerHandle): Promise<SqlConstancy | null> {
  if (server.webConcurrency > 1) return null;
  const fields = 'totalCount nodes { id key kind ward wardCode name { ja en } postalCode address { ja en } phone procedures }';
  const perRequest = async (first: number) => {
    const counts: number[] = [];
    for (let i = 0; i < 9; i++) {
      const before = await readCounter(server.origin, SQL_COUNTER);
      if (before === null) return null;
      await checkedAnswer(server.graphqlUrl, JSON.stringify({ query: `# uncached ${first}-${i}-${Date.now()}\n{ offices(first: ${first}) { ${fields} } }` }));
      counts.push((await readCounter(server.origin, SQL_COUNTER))! - before);
    }
    return median(counts);
  };
  const small = await perRequest(1);
  const full = await perRequest(100);
  return small === null || full === null ? null : { small, full };
}

async function measureProject(server: ServerHandle, operation: Operation, connections: number, seconds: number) {
  const before = server.webConcurrency > 1 ? null : await readCounter(server.origin, SQL_COUNTER);
  const result = await runLoad(server.graphqlUrl, operation, connections, seconds);
  const after = before === null ? null : await readCounter(server.origin, SQL_COUNTER);
  return { result, statements: before === null || after === null ? null : after - before };
}

function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}

function describe(result: LoadResult): string {
  const problems = result.errors + result.non2xx + result.graphqlErrors;
  return `${Math.round(result.requestsPerSecond)} req/s, p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms${problems > 0 ? `, ${result.errors} errors, ${result.non2xx} non-2xx, ${result.graphqlErrors} GraphQL errors` : ''}`;
}

async function benchmark(server: ServerHandle, seconds: number) {
  const baseline = await startBaseline();
  try {
    const responses = await cannedResponses(server);
    const sql = await sqlConstancy(server);

    progress(`warming up for ${Math.min(2, seconds)} s`);
    await runLoad(server.graphqlUrl, MIX_OPERATION, CONNECTIONS, Math.min(2, seconds));

    const results: OperationResult[] = [];
    for (const operation of OPERATIONS) {
      await baseline.serve(responses.get(operation.id)!);
      const project: LoadResult[] = [];
      const base: LoadResult[] = [];
      let statements: number | null = 0;
      for (let round = 1; round <= ROUNDS; round++) {
        const measured = await measureProject(server, operation, CONNECTIONS, seconds);
        project.push(measured.result);
        statements = statements === null || measured.statements === null ? null : statements + measured.statements;
        progress(`${operation.label} round ${round} project:  ${describe(measured.result)}`);
        base.push(await runLoad(baseline.url, operation, CONNECTIONS, seconds));
        progress(`${operation.label} round ${round} baseline: ${describe(base.at(-1)!)}`);
      }
      const single = (await measureProject(server, operation, 1, seconds)).result;
      progress(`${operation.label} 1 connection: ${describe(single)}`);
      const projectRps = median(project.map((r) => r.requestsPerSecond));
      const baselineRps = median(base.map((r) => r.requestsPerSecond));
      const requests = sum(project, (r) => r.requests);
      results.push({
        operation,
        project,
        baseline: base,
        single,
        projectRps,
        baselineRps,
        ratio: projectRps / baselineRps,
        p50: median(project.map((r) => r.p50)),
        p99: median(project.map((r) => r.p99)),
        sqlPerRequest: statements === null || requests === 0 ? null : statements / requests,
      });
    }
    return { results, sql };
  } finally {
    await baseline.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');

function resultsTable(results: OperationResult[]): string {
  const rows = results.map((r) => {
    const errors = sum(r.project, (p) => p.errors) + r.single.errors;
    const non2xx = sum(r.project, (p) => p.non2xx) + r.single.non2xx;
    const graphqlErrors = sum(r.project, (p) => p.graphqlErrors) + r.single.graphqlErrors;
    return [
      r.operation.label,
      Math.round(r.projectRps),
      Math.round(r.baselineRps),
      r.ratio.toFixed(2),
      ms(r.p50),
      ms(r.p99),
      ms(r.single.p99),
      `${errors} / ${non2xx} / ${graphqlErrors}`,
      r.sqlPerRequest === null ? 'n/a' : r.sqlPerRequest.toFixed(2),
    ];
  });
  const header = ['operation', 'req/s project', 'req/s baseline', 'ratio', 'p50 ms', 'p99 ms (50 conns)', 'p99 ms (1 conn)', 'errors / non-2xx / GraphQL errors', 'SQL / request'];
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function targetLines(results: OperationResult[], startupMs: number, sql: SqlConstancy | null): string[] {
  const lines: string[] = [];
  for (const r of results) {
    const target = r.operation.kind === 'reference' ? TARGETS.referenceRatio : TARGETS.computationRatio;
    lines.push(`- ${verdict(r.ratio >= target)} ${r.operation.label}: ratio ${r.ratio.toFixed(2)} ≥ ${target.toFixed(2)}`);
  }
  for (const r of results) lines.push(`- ${verdict(r.p99 <= TARGETS.p99At50Ms)} ${r.operation.label}: p99 ${ms(r.p99)} ms ≤ ${TARGETS.p99At50Ms} ms at ${CONNECTIONS} connections`);
  for (const r of results) lines.push(`- ${verdict(r.single.p99 <= TARGETS.p99At1Ms)} ${r.operation.label}: p99 ${ms(r.single.p99)} ms ≤ ${TARGETS.p99At1Ms} ms at 1 connection`);
  lines.push(`- ${verdict(startupMs <= TARGETS.startupMs)} start-up ${Math.round(startupMs)} ms ≤ ${TARGETS.startupMs} ms (spawn to the first GraphQL answer, database already seeded)`);
  lines.push(
    sql === null
      ? `- INFO SQL statements per uncached request: n/a (no \`${SQL_COUNTER}\` counter at /metrics, or several workers each with its own)`
      : `- INFO SQL statements per uncached request: ${sql.small} for offices(first: 1), ${sql.full} for offices(first: 100) — ${sql.small === sql.full ? 'constant' : 'NOT constant'}`,
  );
  return lines;
}

function memoryLine(memory: PeakMemory | null): string {
  if (memory === null) return 'n/a (no /proc on this system)';
  if (memory.processes.length === 1) return megabytes(memory.maxBytes);
  return `${megabytes(memory.maxBytes)} largest process, ${megabytes(memory.sumBytes)} in all (${memory.processes.map((p) => `${p.pid}: ${megabytes(p.bytes)}`).join(', ')})`;
}

function report(input: { results: OperationResult[]; sql: SqlConstancy | null; server: ServerHandle; memory: PeakMemory | null; seconds: number }): string {
  const { results, sql, server, memory, seconds } = input;
  const cpu = cpus();
  const settings = Object.entries(serverSettings())
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  return `# Benchmarks

Written by \`npm run bench\` (\`bench/run.ts\`) on ${new Date().toISOString()}.

Absolute numbers drift from machine to machine and from run to run; the **ratios** to a bare
\`node:http\` server answering the same bytes on the same machine are what count. autocannon runs
inside the benchmark's own process and shares the CPU cores with the server under test (and, in
turn, with the baseline), so on a small machine neither server has the cores to itself.

## Machine

- CPU: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length}
- Memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB
- OS: ${type()} ${release()}
- Node: ${process.version}
- ${VERSIONED_PACKAGES.map((name) => `${name} ${packageVersion(name)}`).join(', ')}

## Method

- The real server, \`node src/server.ts\`, started with \`${settings}\` on a free port and a temporary
  database migrated and seeded beforehand by \`node src/db/cli.ts migrate\`.
  - \`LOG_LEVEL=info\`: every request writes its JSON log line, to a file as it would to a log collector.
  - \`RATE_LIMIT_PER_MINUTE=100000000\`: the production limit (600 a minute per client) would answer a
    load test from one address with 429s; the limiter still runs for every request.
- The baseline: a bare \`node:http\` server in its own process (\`bench/baseline-server.ts\`) that reads
  each request body and answers with the status, headers and body bytes the project gave for that
  operation: for (d) the answer for the first birth date; for (e) the answers of (a)..(d) in rotation.
- Each operation: ${ROUNDS} rounds of ${seconds} s at ${CONNECTIONS} connections, project and baseline
  alternating; req/s, p50 and p99 are the medians of the rounds; then one ${seconds} s run at 1 connection.
  Latencies are exact timings of the 2xx answers (autocannon's own histogram keeps whole milliseconds).
- Errors are connection errors and timeouts, non-2xx answers and 2xx answers with GraphQL \`errors\`,
  summed over all the project's runs of the operation.
- SQL / request: the \`${SQL_COUNTER}\` counter of \`GET /metrics\` over the ${CONNECTIONS}-connection runs,
  divided by the requests; reference data mostly comes from the response cache.
- Operations (POST, \`content-type: application/json\`, \`accept: application/graphql-response+json\`):
${OPERATIONS.map((operation) => `  - ${operation.label}: ${operation.shown}`).join('\n')}

## Results

${resultsTable(results)}

- Start-up: ${Math.round(server.startupMs)} ms from spawn to the first GraphQL answer.
- Peak resident memory (VmHWM) of the server after all runs: ${memoryLine(memory)}.
- Workers: ${server.webConcurrency}.

## Targets

${targetLines(results, server.startupMs, sql).join('\n')}
`;
}

// ---------------------------------------------------------------------------------------------

/** The "Library choices" section of the current file, written by hand from `npm run bench:libraries`, kept as it is. */
function librarySection(): string {
  const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
  const start = current.indexOf(LIBRARY_SECTION);
  return start === -1 ? '' : `\n${current.slice(start)}`;
}

async function main(): Promise<number> {
  const seconds = durationFromEnv('BENCH_DURATION', 5);
  progress('preparing a seeded temporary database');
  const database = await prepareDatabase();
  const server = await startProjectServer(database.path);
  progress(`server up in ${Math.round(server.startupMs)} ms at ${server.graphqlUrl}`);
  try {
    const { results, sql } = await benchmark(server, seconds);
    const memory = peakMemory(server.pid);
    const text = report({ results, sql, server, memory, seconds });
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    writeFileSync(DOC, text + librarySection());
    process.stdout.write(`\n${text}\nWritten to docs/benchmarks.md\n`);
    const failed = results.some((r) => [...r.project, r.single].some((p) => p.errors + p.non2xx + p.graphqlErrors > 0));
    if (failed) console.error('The project answered with errors: the numbers above do not measure real work.');
    return failed ? 1 : 0;
  } finally {
    await server.stop();
    database.remove();
  }
}

runMain(main);
