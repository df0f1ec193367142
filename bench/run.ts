/**
 * `npm run bench`: the real server in its production configuration (request logs on), a bare
 * node:http baseline replaying the very same bytes, and peers serving the same schema (Mercurius,
 * Yoga with its caching and jit plugins), all in one run, on each operation of bench/operations.ts:
 * throughput as a ratio to the baseline, p99, and the server's CPU time per request (bench/cpu.ts).
 * Writes docs/benchmarks.md.
 *
 * BENCH_DURATION: seconds per round (default 5).
 */
import { cpuMicros } from './cpu.ts';
import { checkedAnswer, postGraphql, readCounter } from './http.ts';
import { durationFromEnv, median, problems, runLoad, type LoadResult } from './load.ts';
import { megabytes, peakMemory, type PeakMemory } from './memory.ts';
import { OPERATIONS, type Operation } from './operations.ts';
import { runMain } from './processes.ts';
import { busyMachineWarning, loadAverage, machine, micros, ms, progress, settingsLine, table, verdict, writeDoc } from './report.ts';
import {
  canned,
  PEERS,
  prepareDatabase,
  serverSettings,
  startBaseline,
  startPeer,
  startProjectServer,
  type Baseline,
  type ChildServer,
  type PeerId,
  type PeerServer,
  type ServerHandle,
} from './servers.ts';

const CONNECTIONS = 50;
const ROUNDS = 3;
const WARM_UP_SECONDS = 1;
const SQL_COUNTER = 'sqlite_statements_total';
const VERSIONED_PACKAGES = ['graphql', 'graphql-yoga', '@pothos/core', 'graphql-jit', 'mercurius', 'fastify', '@graphql-yoga/plugin-response-cache', '@envelop/graphql-jit'];
/** Birth-date indexes whose answers every peer must match for the computation. */
const VARIED_SAMPLES = [0, 1, 4_321, 31_999];

const GOALS = {
  referenceRatio: 0.6,
  computationRatio: 0.45,
  p99At50Ms: 10,
  p99At1Ms: 3,
  startupMs: 1_000,
};

/** Who is measured, in the order each round runs them. */
type ContenderId = 'project' | 'baseline' | PeerId;

interface Contender {
  id: ContenderId;
  name: string;
  url: string;
  /** The server's process, root of the tree whose CPU time is read. */
  pid: number;
}

/** One round of one contender: the load, and the CPU time it cost the server and the load generator. */
interface Round {
  load: LoadResult;
  serverCpuMicros: number;
  generatorCpuMicros: number;
}

interface Measured {
  rounds: LoadResult[];
  /** Server CPU time (user + system, its whole process tree) per answered request over the rounds, in µs. */
  cpuPerRequest: number;
  /** The same for the load generator, this process (autocannon), which shares the cores. */
  generatorCpuPerRequest: number;
  rps: number;
  p50: number;
  p99: number;
  /** requests/s ÷ the baseline's, medians of the rounds. */
  ratio: number;
  /** Whether it answered every checked request with our bytes. */
  sameBytes: boolean;
}

interface OperationResult {
  operation: Operation;
  byContender: Map<ContenderId, Measured>;
  single: LoadResult;
  sqlPerRequest: number | null;
}

/** The sample requests of an operation: one for fixed bodies, several birth dates for the computation. */
function samples(operation: Operation): string[] {
  return operation.varies ? VARIED_SAMPLES.map((i) => operation.body(i)) : [operation.body(0)];
}

/**
 * Whether `peer` answers each sample of `operation` with the project's status and body bytes.
 * A mismatch is printed in full: the ratio of a server doing different work measures nothing.
 */
async function sameBytes(project: ServerHandle, peer: ChildServer, operation: Operation): Promise<boolean> {
  let same = true;
  for (const body of samples(operation)) {
    const ours = await checkedAnswer(project.graphqlUrl, body);
    const theirs = await postGraphql(peer.graphqlUrl, body);
    if (theirs.status !== ours.status || !theirs.body.equals(ours.body)) {
      same = false;
      console.error(
        `\n!!! MISMATCH: ${peer.name} answered ${operation.label} differently from the project\n` +
          `request: ${body}\nproject (${ours.status}): ${ours.body.toString().slice(0, 1_000)}\n${peer.name} (${theirs.status}): ${theirs.body.toString().slice(0, 1_000)}\n`,
      );
    }
  }
  return same;
}

/** µs of CPU per request, for the progress lines. */
function perRequest(cpuMicros: number, requests: number): string {
  return micros(requests > 0 ? cpuMicros / requests : Number.NaN);
}

function describe(result: LoadResult): string {
  const bad = problems(result);
  return `${Math.round(result.requestsPerSecond)} req/s, p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms${bad > 0 ? `, ${result.errors} errors, ${result.non2xx} non-2xx, ${result.graphqlErrors} GraphQL errors` : ''}`;
}

/** The list started `by` places later, wrapping round. */
function rotated<T>(items: readonly T[], by: number): T[] {
  const start = by % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

async function measureOperation(operation: Operation, contenders: Contender[], project: ServerHandle, baseline: Baseline, peers: PeerServer[], seconds: number): Promise<OperationResult> {
  const sameAsProject = new Map<ContenderId, boolean>([
    ['project', true],
    ['baseline', true],
  ]);
  for (const peer of peers) sameAsProject.set(peer.id, await sameBytes(project, peer, operation));
  // The baseline replays the project's answer to the first request of the operation.
  await baseline.serve([canned(await checkedAnswer(project.graphqlUrl, operation.body(0)))]);

  for (const contender of contenders) await runLoad(contender.url, operation, CONNECTIONS, WARM_UP_SECONDS);
  const rounds = new Map<ContenderId, Round[]>(contenders.map((contender) => [contender.id, []]));
  // Counted over the project's own rounds only: its periodic data check runs while others are measured.
  let sqlStatements: number | null = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    // Interleaved, so drift of the machine during the run touches every server alike, and each
    // round starts one server later, so no server always runs first (the cyclic order stays).
    for (const contender of rotated(contenders, round - 1)) {
      const sqlBefore = contender.id === 'project' ? await readCounter(project.metricsOrigin, SQL_COUNTER) : null;
      // CPU read right around the load: the scrapes of /metrics and the checks stay outside.
      const serverBefore = cpuMicros(contender.pid);
      const generatorBefore = process.cpuUsage();
      const load = await runLoad(contender.url, operation, CONNECTIONS, seconds);
      const generator = process.cpuUsage(generatorBefore);
      const serverCpuMicros = cpuMicros(contender.pid) - serverBefore;
      if (contender.id === 'project') {
        const sqlAfter = await readCounter(project.metricsOrigin, SQL_COUNTER);
        sqlStatements = sqlStatements === null || sqlBefore === null || sqlAfter === null ? null : sqlStatements + sqlAfter - sqlBefore;
      }
      rounds.get(contender.id)!.push({ load, serverCpuMicros, generatorCpuMicros: generator.user + generator.system });
      progress(`${operation.label} round ${round} ${contender.name.padEnd(45)} ${describe(load)}, server CPU ${perRequest(serverCpuMicros, load.requests)} µs/request`);
    }
  }
  const single = await runLoad(project.graphqlUrl, operation, 1, seconds);
  progress(`${operation.label} 1 connection, project: ${describe(single)}`);

  const baselineRps = median(rounds.get('baseline')!.map((r) => r.load.requestsPerSecond));
  const byContender = new Map<ContenderId, Measured>();
  for (const contender of contenders) {
    const measured = rounds.get(contender.id)!;
    const results = measured.map((r) => r.load);
    const rps = median(results.map((r) => r.requestsPerSecond));
    const requests = results.reduce((total, r) => total + r.requests, 0);
    const sum = (pick: (round: Round) => number) => measured.reduce((total, round) => total + pick(round), 0);
    byContender.set(contender.id, {
      rounds: results,
      cpuPerRequest: sum((r) => r.serverCpuMicros) / requests,
      generatorCpuPerRequest: sum((r) => r.generatorCpuMicros) / requests,
      rps,
      p50: median(results.map((r) => r.p50)),
      p99: median(results.map((r) => r.p99)),
      ratio: rps / baselineRps,
      sameBytes: sameAsProject.get(contender.id) ?? false,
    });
  }
  const projectRequests = rounds.get('project')!.reduce((total, r) => total + r.load.requests, 0);
  const sqlPerRequest = sqlStatements === null || projectRequests === 0 ? null : sqlStatements / projectRequests;
  return { operation, byContender, single, sqlPerRequest };
}

// ---------------------------------------------------------------------------------------------
// Report

const PROJECT_NAME = 'this project, request logs on';

function ratiosTable(results: OperationResult[], contenders: Contender[]): string {
  const rows = contenders
    .filter((contender) => contender.id !== 'baseline')
    .map((contender) => [
      contender.id === 'project' ? `**${contender.name}**` : contender.name,
      ...results.map((r) => {
        const m = r.byContender.get(contender.id)!;
        return `${m.ratio.toFixed(2)} (p99 ${ms(m.p99)} ms, ${micros(m.cpuPerRequest)} µs CPU)${m.sameBytes ? '' : ' **MISMATCH**'}`;
      }),
    ]);
  return table(['server', ...results.map((r) => r.operation.label)], rows);
}

/** Server CPU per request of every contender, the baseline included, and its multiple of the baseline's. */
function cpuTable(results: OperationResult[], contenders: Contender[]): string {
  const rows = contenders.map((contender) => [
    contender.id === 'project' ? `**${contender.name}**` : contender.name,
    ...results.map((r) => {
      const m = r.byContender.get(contender.id)!;
      const baseline = r.byContender.get('baseline')!.cpuPerRequest;
      return contender.id === 'baseline' ? micros(m.cpuPerRequest) : `${micros(m.cpuPerRequest)} (${(m.cpuPerRequest / baseline).toFixed(1)}×)`;
    }),
  ]);
  return table(['server', ...results.map((r) => r.operation.label)], rows);
}

function detailsTable(results: OperationResult[], contenders: Contender[]): string {
  const rows = results.flatMap((r) =>
    contenders.map((contender) => {
      const m = r.byContender.get(contender.id)!;
      const sum = (pick: (result: LoadResult) => number) => m.rounds.reduce((total, result) => total + pick(result), 0);
      return [
        r.operation.label,
        contender.name,
        m.rounds.map((result) => Math.round(result.requestsPerSecond)).join(' / '),
        Math.round(m.rps),
        m.ratio.toFixed(2),
        ms(m.p50),
        ms(m.p99),
        micros(m.cpuPerRequest),
        micros(m.generatorCpuPerRequest),
        `${sum((x) => x.errors)} / ${sum((x) => x.non2xx)} / ${sum((x) => x.graphqlErrors)}`,
        contender.id === 'baseline' ? 'replays the project' : m.sameBytes ? 'yes' : '**NO**',
      ];
    }),
  );
  return table(['operation', 'server', 'req/s, rounds', 'req/s, median', 'ratio', 'p50 ms', 'p99 ms', 'server CPU µs/request', 'load generator CPU µs/request', 'errors / non-2xx / GraphQL errors', 'same bytes'], rows);
}

function goalLines(results: OperationResult[], contenders: Contender[], startupMs: number): string[] {
  const lines: string[] = [];
  for (const r of results) {
    const m = r.byContender.get('project')!;
    const goal = r.operation.kind === 'reference' ? GOALS.referenceRatio : GOALS.computationRatio;
    lines.push(`- ${verdict(m.ratio >= goal)} ${r.operation.label}: ratio ${m.ratio.toFixed(3)} ≥ ${goal.toFixed(2)}`);
  }
  for (const r of results) {
    const m = r.byContender.get('project')!;
    lines.push(`- ${verdict(m.p99 <= GOALS.p99At50Ms)} ${r.operation.label}: p99 ${ms(m.p99)} ms ≤ ${GOALS.p99At50Ms} ms at ${CONNECTIONS} connections`);
  }
  for (const r of results) {
    const ours = r.byContender.get('project')!;
    for (const peer of contenders.filter((contender) => contender.id !== 'project' && contender.id !== 'baseline')) {
      const theirs = r.byContender.get(peer.id)!;
      lines.push(`- ${verdict(ours.rps > theirs.rps)} ${r.operation.label}: ahead of ${peer.name} (${ours.ratio.toFixed(2)} vs ${theirs.ratio.toFixed(2)})`);
    }
  }
  for (const r of results) lines.push(`- ${verdict(r.single.p99 <= GOALS.p99At1Ms)} ${r.operation.label}: p99 ${ms(r.single.p99)} ms ≤ ${GOALS.p99At1Ms} ms at 1 connection`);
  lines.push(`- ${verdict(startupMs <= GOALS.startupMs)} start-up ${Math.round(startupMs)} ms ≤ ${GOALS.startupMs} ms (spawn to the first GraphQL answer, database already seeded)`);
  // Information, not a goal: what a request costs the server, beside what it costs the others.
  for (const r of results) {
    const others = contenders.filter((contender) => contender.id !== 'project').map((contender) => `${contender.name} ${micros(r.byContender.get(contender.id)!.cpuPerRequest)}`);
    lines.push(`- INFO ${r.operation.label}: server CPU ${micros(r.byContender.get('project')!.cpuPerRequest)} µs per request (${others.join(', ')})`);
  }
  return lines;
}

function memoryLine(memory: PeakMemory | null): string {
  if (memory === null) return 'n/a (no /proc on this system)';
  return memory.processes.length === 1 ? megabytes(memory.maxBytes) : `${megabytes(memory.maxBytes)} largest process (${memory.processes.map((p) => `${p.pid}: ${megabytes(p.bytes)}`).join(', ')})`;
}

function report(input: { results: OperationResult[]; contenders: Contender[]; project: ServerHandle; memory: PeakMemory | null; seconds: number; started: number; loadAtStart: string }): string {
  const { results, contenders, project, memory, seconds, started, loadAtStart } = input;
  const mismatched = results.some((r) => [...r.byContender.values()].some((m) => !m.sameBytes));
  return `# Benchmarks

Written by \`npm run bench\` (\`bench/run.ts\`) on ${new Date().toISOString()}, in ${Math.round((performance.now() - started) / 1000)} s.
Reproduce with \`. scripts/node24.sh && npm ci && npm run bench\` (\`BENCH_DURATION=<seconds per round>\`, default 5).

${busyMachineWarning(loadAtStart)}Absolute numbers drift from machine to machine and from run to run; the **ratios** to a bare
\`node:http\` server answering the same bytes, measured in the same run on the same machine, are what
count. The load generator (autocannon) runs inside the benchmark's own process and shares the CPU
cores with the server under test, so on a small machine no server has the cores to itself, and a
server that leaves the generator more CPU gets more requests sent to it. **Server CPU per request**
(user + system time of the server's processes, read from \`/proc\`, divided by the requests it
answered) depends far less on what else runs on the cores: it is the honest figure for what a
request costs, and what every optimisation is judged by (on a busy machine it rises too, for every
server alike: compare it with the baseline's of the same run).

## Results

Requests per second ÷ the bare \`node:http\` baseline's (median of ${ROUNDS} rounds of ${seconds} s each, ${CONNECTIONS}
connections), the median p99 latency, and the server's CPU time per request over the rounds:

${ratiosTable(results, contenders)}
${mismatched ? '\n**A peer answered with different bytes (marked MISMATCH): its ratio does not measure the same work.**\n' : ''}
### Server CPU per request

µs of CPU time (user + system, every process and thread of the server) per answered request over
the ${ROUNDS} rounds at ${CONNECTIONS} connections, and its multiple of the bare \`node:http\` baseline's:

${cpuTable(results, contenders)}

### Goals

Throughput and latency are the goals; server CPU per request is given as information (INFO).

${goalLines(results, contenders, project.startupMs).join('\n')}

### Every run

${detailsTable(results, contenders)}

- Start-up: ${Math.round(project.startupMs)} ms from spawn to the first GraphQL answer.
- Peak resident memory (VmHWM) of the project's server after all runs: ${memoryLine(memory)}.
- SQL statements per request (the project, ${SQL_COUNTER} at \`/metrics\` on its metrics port over its ${CONNECTIONS}-connection rounds): ${results.map((r) => `${r.operation.label} ${r.sqlPerRequest === null ? 'n/a' : r.sqlPerRequest.toFixed(3)}`).join('; ')}.

## Method

- **This project**: \`node src/server.ts\`, spawned as the tests spawn it (\`test/support/server-process.ts\`),
  with \`${settingsLine(serverSettings())}\` over a temporary database migrated and seeded by
  \`prepareDatabaseFile\` (what \`node src/db/cli.ts migrate\` runs). As in production by default
  (\`WEB_CONCURRENCY=1\`), the process started serves alone: one process on the cores, like every
  other server here.
  Where its time goes, and what each change to it was worth, is in [performance.md](performance.md).
  - \`LOG_LEVEL=info\`: every request writes its JSON log line to stdout, a pipe the benchmark drains.
  - \`RATE_LIMIT_PER_MINUTE=${serverSettings().RATE_LIMIT_PER_MINUTE}\`: the production limit (600 a minute per client) would answer a
    load test from one address with 429s; the limiter still runs for every request.
- **Baseline**: a bare \`node:http\` server in its own process (\`bench/peers/baseline.ts\`) that reads each
  request body and answers with the status, headers and body bytes the project gave to the
  operation's first request.
- **Peers**, each in its own process with \`NODE_ENV=production\` and no request logging, serving the
  project's \`schema\` (\`src/graphql/schema/schema.ts\`) with the context built as \`src/app.ts\` builds it
  (\`bench/peers/context.ts\`), over the same database file, and answering the project's \`extensions\`
  (the cost from \`checkOperationCost\`, kept per document as the project keeps it, and the schema
  version; \`bench/peers/extensions.ts\`):
  - ${PEERS[0].name}: \`bench/peers/mercurius.ts\`, Fastify with \`mercurius\` \`{ jit: 1, cache: true }\`.
  - ${PEERS[1].name}: \`bench/peers/yoga.ts\`, \`createYoga\` on \`node:http\` with
    \`useResponseCache({ session: () => null })\` and \`useGraphQlJit()\`.
- **Same bytes**: before measuring, each peer's status and body bytes are compared with the project's
  for every operation (for the computation at birth-date indexes ${VARIED_SAMPLES.join(', ')}); a mismatch is
  printed in full, marked in the tables, and makes the script exit non-zero.
- Each operation: a ${WARM_UP_SECONDS} s warm-up of every server, then ${ROUNDS} rounds of ${seconds} s at ${CONNECTIONS} connections in which
  the servers take turns (project, baseline, peers; each round starting one server later), so drift
  touches all alike and none always runs first; req/s, p50 and p99 are
  the medians of the rounds. Then one ${seconds} s run of the project at 1 connection. Latencies are exact
  timings of the 2xx answers (autocannon's own histogram keeps whole milliseconds).
- **Server CPU per request**: \`utime + stime\` of \`/proc/<pid>/stat\` (every thread: the event loop, GC,
  the thread pool) summed over the process tree of each server (\`bench/cpu.ts\`; one process for
  each here), read just before and just after each round, divided by the requests answered in the
  round; the rounds' sums give the figure. Clock ticks are 10 ms: over thousands of requests a round,
  that is well under 1 µs per request. The load generator's own CPU time (this process,
  \`process.cpuUsage()\`) is shown beside it in the table of every run: it shares the cores.
- SQL statements are read from the project's metrics port (\`METRICS_PORT\`), before and after each of its
  own rounds, at least a second apart (the port renders its text at most once a second).
- Errors are connection errors and timeouts, non-2xx answers and 2xx answers with GraphQL \`errors\`.
- Operations (POST, \`content-type: application/json\`, \`accept: application/graphql-response+json\`):
${OPERATIONS.map((operation) => `  - ${operation.label} (${operation.kind}): ${operation.shown}`).join('\n')}

  Small answers: a kiosk's queries are small, and on them per-request overhead dominates, which large
  answers (every field of 100 offices) hide.

## Machine

${machine(VERSIONED_PACKAGES, loadAtStart)}
`;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const started = performance.now();
  const loadAtStart = loadAverage();
  const seconds = durationFromEnv('BENCH_DURATION', 5);
  progress('preparing a seeded temporary database');
  const database = prepareDatabase();
  const project = await startProjectServer(database.path);
  progress(`server up in ${Math.round(project.startupMs)} ms at ${project.graphqlUrl}`);
  const baseline = await startBaseline();
  const peers = [await startPeer('mercurius', database.path), await startPeer('yoga', database.path)];
  try {
    const contenders: Contender[] = [
      { id: 'project', name: PROJECT_NAME, url: project.graphqlUrl, pid: project.pid },
      { id: 'baseline', name: 'bare node:http', url: baseline.graphqlUrl, pid: baseline.pid },
      ...peers.map((peer) => ({ id: peer.id, name: peer.name, url: peer.graphqlUrl, pid: peer.pid })),
    ];
    const results: OperationResult[] = [];
    for (const operation of OPERATIONS) results.push(await measureOperation(operation, contenders, project, baseline, peers, seconds));
    const memory = peakMemory(project.pid);
    writeDoc('benchmarks.md', report({ results, contenders, project, memory, seconds, started, loadAtStart }));

    const projectProblems = results.some((r) => [...r.byContender.get('project')!.rounds, r.single].some((p) => problems(p) > 0));
    const mismatched = results.some((r) => [...r.byContender.values()].some((m) => !m.sameBytes));
    if (projectProblems) console.error('The project answered with errors: the numbers above do not measure real work.');
    if (mismatched) console.error('A peer answered with different bytes: see MISMATCH above.');
    return projectProblems || mismatched ? 1 : 0;
  } finally {
    await Promise.all([project.stop(), baseline.stop(), ...peers.map((peer) => peer.stop())]);
    database.remove();
  }
}

runMain(main);
