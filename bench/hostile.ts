/**
 * `npm run hostile`: real server processes in their production configuration, fed what an attacker
 * would feed them, each attack with its budget (docs/hostile-load.md says why each):
 *
 * - on one server, in turn: memory idle; hash flooding (uncached latency before and after 1,000
 *   documents of equal length); memory after 20,000 distinct small queries and after long
 *   documents of few tokens; documents built to be expensive (the fragment fan-out with /health
 *   probed meanwhile, the `nodes(ids:)` alias flood, 590 repeated fields, a generator of varied
 *   worst cases), each charged its own server CPU time; a scrape flood of the metrics port;
 *   GraphiQL's first visit; then memory again (bench/hostile/);
 * - each on a server of its own: descriptors exhausted under `prlimit --nofile=1024`; SIGTERM
 *   while busy; slow and oversized requests; a paused Redis; many client addresses behind a proxy.
 *
 * Loopback only, every loop bounded, every process started killed with its process group however
 * the script ends. Writes docs/hostile-load.md; exits 1 when a budget is missed.
 */
import { manyClientAddresses } from './hostile/client-addresses.ts';
import { costlyClient } from './hostile/costly-client.ts';
import { descriptorsExhausted } from './hostile/descriptors.ts';
import { expensiveDocuments } from './hostile/expensive-documents.ts';
import { Floods } from './hostile/floods.ts';
import { graphiqlFirstVisit } from './hostile/graphiql-visit.ts';
import { pausedRedis } from './hostile/paused-redis.ts';
import { requestBounds } from './hostile/request-bounds.ts';
import { cell, group, type Details, type Findings, type Row } from './hostile/row.ts';
import { scrapeFlood } from './hostile/scrape-flood.ts';
import { sigtermWhileBusy } from './hostile/shutdown.ts';
import { runMain, sleep } from './processes.ts';
import { busyMachineWarning, loadAverage, machine, progress, settingsLine, table, verdict, writeDoc } from './report.ts';
import { prepareDatabase, serverSettings, startProjectServer } from './servers.ts';

/** Start-up work (compiling, the first collections) settles before the idle server is measured. */
const SETTLE_MS = 1_000;

/**
 * The attacks on one server: first those of the memory budget as docs/deployment.md states it (idle, then
 * the hash flood and 20,000 distinct queries), then the expensive documents and the scrape flood,
 * then memory again under the same budget.
 */
async function mainServer(databasePath: string): Promise<Findings> {
  const server = await startProjectServer(databasePath);
  progress(`server up in ${Math.round(server.startupMs)} ms at ${server.graphqlUrl}`);
  try {
    await sleep(SETTLE_MS);
    const floods = new Floods(server);
    const rows: Row[] = [await floods.idle(), ...(await floods.hashFlood()), ...(await floods.distinctQueries()), await floods.longFewTokenDocuments()];
    const documents = await expensiveDocuments(server);
    await floods.note('after the expensive documents');
    const scrapes = await scrapeFlood(server);
    const visit = await graphiqlFirstVisit(server);
    rows.push(...documents.rows, ...scrapes.rows, visit, await floods.afterEverything());
    return { rows, details: [...documents.details, ...floods.details()] };
  } finally {
    await server.stop();
  }
}

function report(findings: Findings, started: number, loadAtStart: string): string {
  const { rows, details } = findings;
  const failed = rows.filter((row) => !row.pass);
  return `# Hostile load

Written by \`npm run hostile\` (\`bench/hostile.ts\`) on ${new Date().toISOString()}, in ${Math.round((performance.now() - started) / 1000)} s.
Reproduce with \`. scripts/node24.sh && npm ci && npm run hostile\`; it exits non-zero when a budget is missed.

${busyMachineWarning(loadAtStart)}The real server (\`node src/server.ts\` with the flags of \`npm start\`, started as in
[benchmarks.md](benchmarks.md): one process, the default, with \`${settingsLine(serverSettings())}\`), on
loopback, fed what an attacker would feed it. The attacks on documents, the hash flood, the scrape flood and
the memory budget run against one server, in the order of the table; descriptors, shutdown, slow and large
requests and a paused Redis each get a server of their own, with the settings their row names. Memory is
the resident memory of all the server's processes together (\`/proc/<pid>/status\`); server CPU is the time
on a CPU of every thread of the server's process tree (\`/proc/<pid>/task/<tid>/schedstat\`, \`bench/cpu.ts\`),
requests sent one at a time: a single request's is read just before it and just after its answer; "per
request over the stream" is the time from before the first request of a stream to after the last, divided
by their number, as \`npm run bench\` charges a request (the collections the stream causes included). CPU time is what the
server spent whatever else ran, but not untouched by it: on a busy machine (shared caches, a hypervisor's
scheduling) the same work takes more CPU time; the table of shapes starts with an ordinary small query,
measured the same way in the same run, for scale.

- **Hash flooding.** V8 hashes strings longer than 16,383 characters by their length alone: a map keyed on
  the raw request puts every long document of one length into one bucket. Budget: uncached latency after
  the flood at most twice what it was before.
- **Expensive documents.** Probed as an attacker would, an earlier version had limits that ran in exponential time (a fragment fan-out of 150
  levels held a core for minutes), a cost model that counted a list without arguments once, and
  validation that spent ~100 ms on a document of one field repeated 590 times. Budgets: refused in
  ≤ 50 ms, /health answering meanwhile; and no request within \`MAX_BODY_BYTES\`, however varied, costs more
  than 20 ms of server CPU before its operation runs, charged as \`npm run bench\` charges a request: the
  server's CPU over a stream of such requests divided by their number, so the collections they cause
  count, shared among them (the generator's shapes: wide selections at the width limits of
  \`src/graphql/execution/selection-limits.ts\`, many fragments, deep inline fragments, unknown fields, bad
  arguments, many operations, aliases at the cost limit, introspection). What runs is bounded by
  \`MAX_COST\`, and the contract invites operations near it: the full analysts' batch (1,000 inputs, cost
  24,001, docs/analysts.md) is measured in the same run, and an operation that runs may cost its cost
  at the batch's CPU per unit of cost where that is more than 20 ms: an attacker buys no more CPU with
  a unit of cost than an analyst does ([performance.md](performance.md#what-the-cost-limit-buys)).
- **Scrape flood.** \`/metrics\` on its own port must not cost the API memory or latency when flooded.
- **GraphiQL's first visit.** Anyone may make it, once per process, and it makes GraphiQL's 9 MB of files
  and their compressed forms; on a server that has met every attack above it must stay within the memory
  budget and never hold the event loop long (an earlier version peaked at 317 MB).
- **One costly client.** At the production rate limit, one client sending operations at \`MAX_COST\` could
  run 600 a minute, a core's worth of CPU. Budget: only what its budget buys by cost runs
  (\`RATE_LIMIT_COST_PER_REQUEST\`, docs/deployment.md, "Rate limits by cost"); the rest is refused, 429,
  before it runs.
- **Descriptors, shutdown, slow and large requests, Redis.** What one process holds for a client is bounded
  and given back (docs/deployment.md, "Bounds"), and a stop signal loses nothing already sent.
- **Many client addresses.** Behind a proxy every request may come from an address of its own: the
  in-memory rate limit once kept a window for each, and 390,000 addresses in a minute ran the heap out
  (the process died), while each address of an IPv6 /64 had a budget of its own. Budget: the process
  serves on within the memory budget, and one /64 gets one client's budget.
- **Memory.** All the processes of the default start together ≤ 150 MB idle and ≤ 256 MB after 20,000
  distinct queries (each its own document and answer), ≤ 256 MB after 4,000 long documents of few
  tokens of each of two shapes (a kana string argument, an ASCII alias; an earlier count of the operation
  cache, by tokens alone, let them hold four times its budget and the process reach 329 MB), and still
  ≤ 256 MB once every other attack on that server has run.

## Budgets

${failed.length === 0 ? `Every budget met (${rows.length} rows).` : `**${failed.length} of ${rows.length} budgets missed:** ${failed.map((row) => row.attack).join('; ')}.`}

${table(
  ['attack', 'sent', 'budget', 'measured', 'verdict'],
  rows.map((row) => [cell(row.attack), cell(row.sent), cell(row.budget), cell(row.measured), verdict(row.pass)]),
)}

${details.map((section: Details) => `## ${section.title}\n\n${section.text}\n`).join('\n')}
## Machine

${machine(['graphql', 'graphql-yoga', '@escape.tech/graphql-armor', 'lru-cache', 'autocannon'], loadAtStart)}
`;
}

async function main(): Promise<number> {
  const started = performance.now();
  const loadAtStart = loadAverage();
  const database = prepareDatabase();
  const findings: Findings = { rows: [], details: [] };
  try {
    for (const [name, attacks] of [
      ['main server', () => mainServer(database.path)],
      ['descriptors', () => descriptorsExhausted(database.path)],
      ['SIGTERM while busy', () => sigtermWhileBusy(database.path)],
      ['slow and large requests', () => requestBounds(database.path)],
      ['paused Redis', () => pausedRedis(database.path)],
      ['one costly client', () => costlyClient(database.path)],
      ['many client addresses', () => manyClientAddresses(database.path)],
    ] as const) {
      const found = await group(name, attacks);
      findings.rows.push(...found.rows);
      findings.details.push(...found.details);
    }
  } finally {
    database.remove();
  }
  writeDoc('hostile-load.md', report(findings, started, loadAtStart));
  return findings.rows.every((row) => row.pass) ? 0 : 1;
}

runMain(main);
