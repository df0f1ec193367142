/**
 * `npm run hostile`: the real server in its production configuration, fed what an attacker would
 * feed it (docs/hostile-load.md says why each step):
 *
 * 1. the p50 latency of uncached requests (each document distinct), small and ~99 KB;
 * 2. 1,000 distinct ~99 KB documents of equal length (V8 hashes strings longer than 16,383
 *    characters by their length alone, so every map keyed on the raw document degrades);
 * 3. the same p50 latencies again: each must stay within 2× of before;
 * 4. 20,000 distinct small queries (distinct aliases): resident memory must stay within budget.
 *
 * Loopback only, every loop bounded. Writes docs/hostile-load.md; exits 1 when a budget is missed.
 */
import { problems, runAmount, type LoadResult } from './load.ts';
import { megabytes, peakMemory, residentMemory } from './memory.ts';
import type { Operation } from './operations.ts';
import { runMain } from './processes.ts';
import { busyMachineWarning, loadAverage, machine, ms, progress, settingsLine, table, verdict, writeDoc } from './report.ts';
import { prepareDatabase, serverSettings, startProjectServer } from './servers.ts';

const LONG_DOCUMENT_BODY_BYTES = 99_000;
const FLOOD_DOCUMENTS = 1_000;
const DISTINCT_SMALL_QUERIES = 20_000;
const WARM_UP_REQUESTS = 300;
const SMALL_SAMPLES = 500;
const LONG_SAMPLES = 50;
const FLOOD_CONNECTIONS = 8;
const LATENCY_BUDGET_FACTOR = 2;
const MEMORY_BUDGET_BYTES = 256 * 1024 * 1024;

function hostile(label: string, body: (i: number) => string): Operation {
  return { id: label, label, kind: 'computation', body, varies: true, shown: body(0) };
}

/** A small document made distinct (so no cache holds its answer) by a comment naming `tag` and `i`. */
function uncachedSmall(tag: string): Operation {
  return hostile(`uncached small (${tag})`, (i) => JSON.stringify({ query: `{ certificateTypes { kind name { ja en } } }\n# ${tag}-${i}` }));
}

/**
 * A valid document padded by a comment to exactly LONG_DOCUMENT_BODY_BYTES of JSON body; the
 * distinct part comes last, so telling two of them apart means reading them whole.
 */
function longDocument(tag: string): Operation {
  const body = (filler: string, i: number) => JSON.stringify({ query: `{ certificateTypes { kind } }\n# ${filler}${tag}-${String(i).padStart(8, '0')}` });
  const fillerLength = LONG_DOCUMENT_BODY_BYTES - body('', 0).length;
  const filler = 'x'.repeat(fillerLength);
  return hostile(`uncached ~99 KB (${tag})`, (i) => body(filler, i));
}

/** Small documents made distinct by their alias, so each also answers with its own bytes. */
const DISTINCT_ALIASES = hostile('distinct aliases', (i) => JSON.stringify({ query: `{ q${i}: certificateTypes { kind } }` }));

interface Phase {
  name: string;
  result: LoadResult;
}

async function main(): Promise<number> {
  const started = performance.now();
  const loadAtStart = loadAverage();
  const database = prepareDatabase();
  const server = await startProjectServer(database.path);
  progress(`server up in ${Math.round(server.startupMs)} ms at ${server.graphqlUrl}`);
  const phases: Phase[] = [];
  const run = async (name: string, operation: Operation, connections: number, amount: number) => {
    const result = await runAmount(server.graphqlUrl, operation, connections, amount);
    phases.push({ name, result });
    progress(`${name}: ${result.requests} requests, p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms, ${problems(result)} problems`);
    return result;
  };
  try {
    const rssAtStart = residentMemory(server.pid);
    await run('warm-up, small distinct', uncachedSmall('w'), 1, WARM_UP_REQUESTS);
    const smallBefore = await run('small uncached, before', uncachedSmall('b'), 1, SMALL_SAMPLES);
    const longBefore = await run('~99 KB uncached, before', longDocument('b'), 1, LONG_SAMPLES);
    await run(`flood: ${FLOOD_DOCUMENTS} distinct ~99 KB documents of equal length`, longDocument('f'), FLOOD_CONNECTIONS, FLOOD_DOCUMENTS);
    const smallAfter = await run('small uncached, after the flood', uncachedSmall('a'), 1, SMALL_SAMPLES);
    const longAfter = await run('~99 KB uncached, after the flood', longDocument('a'), 1, LONG_SAMPLES);
    const rssBeforeMany = residentMemory(server.pid);
    await run(`${DISTINCT_SMALL_QUERIES} distinct small queries (aliases)`, DISTINCT_ALIASES, FLOOD_CONNECTIONS, DISTINCT_SMALL_QUERIES);
    const rssAfterMany = residentMemory(server.pid);
    const peak = peakMemory(server.pid);

    // The budget is per process (docs/deployment.md): the serving worker's, and the primary's beside it.
    const largest = (sample: { bytes: number }[] | null) => (sample === null ? null : Math.max(...sample.map((p) => p.bytes)));
    const rssAfter = largest(rssAfterMany);
    const checks = [
      {
        pass: smallAfter.p50 <= LATENCY_BUDGET_FACTOR * smallBefore.p50,
        text: `small uncached p50 after the flood ${ms(smallAfter.p50)} ms ≤ ${LATENCY_BUDGET_FACTOR}× before (${ms(smallBefore.p50)} ms → ${(smallAfter.p50 / smallBefore.p50).toFixed(2)}×)`,
      },
      {
        pass: longAfter.p50 <= LATENCY_BUDGET_FACTOR * longBefore.p50,
        text: `~99 KB uncached p50 after the flood ${ms(longAfter.p50)} ms ≤ ${LATENCY_BUDGET_FACTOR}× before (${ms(longBefore.p50)} ms → ${(longAfter.p50 / longBefore.p50).toFixed(2)}×)`,
      },
      {
        pass: rssAfter !== null && rssAfter <= MEMORY_BUDGET_BYTES,
        text: `resident memory of the largest process after ${DISTINCT_SMALL_QUERIES} distinct small queries ${rssAfter === null ? 'n/a' : megabytes(rssAfter)} ≤ ${megabytes(MEMORY_BUDGET_BYTES)}`,
      },
      {
        pass: peak !== null && peak.maxBytes <= MEMORY_BUDGET_BYTES,
        text: `peak resident memory (VmHWM) of the largest process over the whole run ${peak === null ? 'n/a' : megabytes(peak.maxBytes)} ≤ ${megabytes(MEMORY_BUDGET_BYTES)}`,
      },
      {
        pass: phases.every((phase) => problems(phase.result) === 0),
        text: 'every request answered 200 without GraphQL errors',
      },
    ];
    const perProcess = (sample: { bytes: number }[] | null) => (sample === null ? 'n/a (no /proc)' : sample.map((p) => megabytes(p.bytes)).join(' / '));
    const memoryRows: string[][] = [
      ['at start', perProcess(rssAtStart)],
      ['after the flood, before the distinct small queries', perProcess(rssBeforeMany)],
      [`after ${DISTINCT_SMALL_QUERIES} distinct small queries`, perProcess(rssAfterMany)],
      ['peak over the whole run (VmHWM)', perProcess(peak?.processes ?? null)],
    ];
    writeDoc(
      'hostile-load.md',
      `# Hostile load

Written by \`npm run hostile\` (\`bench/hostile.ts\`) on ${new Date().toISOString()}, in ${Math.round((performance.now() - started) / 1000)} s.
Reproduce with \`. scripts/node24.sh && npm ci && npm run hostile\`; it exits non-zero when a budget is missed.

${busyMachineWarning(loadAtStart)}The real server (\`node src/server.ts\`, started as in [benchmarks.md](benchmarks.md), with
\`${settingsLine(serverSettings())}\`), on loopback, fed what an attacker would feed it:

- **Hash flooding.** V8 hashes strings longer than 16,383 characters by their length alone. A cache
  or map keyed on the raw request puts every long document of one length into one bucket, so each
  later lookup compares whole documents with each other. The script sends ${FLOOD_DOCUMENTS} distinct documents of
  exactly ${LONG_DOCUMENT_BODY_BYTES.toLocaleString('en')} bytes of JSON body each (\`{ certificateTypes { kind } }\` padded by a comment,
  the distinct part last), over ${FLOOD_CONNECTIONS} connections, and compares the p50 latency of uncached requests (each
  document made distinct by a comment, one connection, one at a time) before and after.
  Budget: at most ${LATENCY_BUDGET_FACTOR}× the latency before.
- **Memory.** Then ${DISTINCT_SMALL_QUERIES.toLocaleString('en')} distinct small queries (\`{ q<i>: certificateTypes { kind } }\`, each alias
  distinct, so each has its own document and answer), over ${FLOOD_CONNECTIONS} connections. Budget: ${megabytes(MEMORY_BUDGET_BYTES)} resident
  per process.

## Budgets

${checks.map((check) => `- ${verdict(check.pass)} ${check.text}`).join('\n')}

## Latency

${table(
  ['phase', 'requests', 'connections', 'p50 ms', 'p99 ms', 'max ms', 'errors / non-2xx / GraphQL errors'],
  phases.map((phase) => [
    phase.name,
    phase.result.requests,
    phase.name.startsWith('flood') || phase.name.includes('distinct small queries') ? FLOOD_CONNECTIONS : 1,
    ms(phase.result.p50),
    ms(phase.result.p99),
    ms(phase.result.max),
    `${phase.result.errors} / ${phase.result.non2xx} / ${phase.result.graphqlErrors}`,
  ]),
)}

## Resident memory

${table(
  ['when', 'resident: primary / worker'],
  memoryRows,
)}

## Machine

${machine(['graphql', 'graphql-yoga', 'lru-cache'], loadAtStart)}
`,
    );
    return checks.every((check) => check.pass) ? 0 : 1;
  } finally {
    await server.stop();
    database.remove();
  }
}

runMain(main);
