/**
 * Floods of valid requests on the main server: documents of equal length against hash flooding
 * (uncached latency before and after), and 20,000 distinct small queries against memory (all the
 * server's processes together, against the memory budget: ≤ 150 MB idle, ≤ 256 MB after), then
 * long documents of few tokens against the same budget; and the memory of the server at each step, with what its heap holds (from its metrics port).
 */
import { readMetrics } from '../http.ts';
import { problems, runAmount, type LoadResult } from '../load.ts';
import { megabytes, peakMemory, residentMemory, totalBytes } from '../memory.ts';
import type { Operation } from '../operations.ts';
import { ms, progress, table } from '../report.ts';
import type { ServerHandle } from '../servers.ts';
import type { Details, Row } from './row.ts';

const LONG_DOCUMENT_BODY_BYTES = 99_000;
const FLOOD_DOCUMENTS = 1_000;
export const DISTINCT_SMALL_QUERIES = 20_000;
/** Of each long shape: the probe that found the operation cache holding four times its budget sent 4,000. */
const LONG_FEW_TOKEN_DOCUMENTS = 4_000;
/** Characters repeated in a long document: it stays under the 10,000 the operation cache keeps. */
const LONG_TOKEN_LENGTH = 9_900;
const WARM_UP_REQUESTS = 300;
const SMALL_SAMPLES = 500;
const LONG_SAMPLES = 50;
const FLOOD_CONNECTIONS = 8;
const LATENCY_BUDGET_FACTOR = 2;
export const MEMORY_BUDGET_BYTES = 256 * 1024 * 1024;
const IDLE_MEMORY_BUDGET_BYTES = 150 * 1024 * 1024;

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
  const filler = 'x'.repeat(LONG_DOCUMENT_BODY_BYTES - body('', 0).length);
  return hostile(`uncached ~99 KB (${tag})`, (i) => body(filler, i));
}

/** `i` in letters (a, b, …, z, ba, …): a name with a digit would count as personal, and its document would be kept by no cache. */
const letters = (i: number): string => (i < 26 ? '' : letters(Math.floor(i / 26))) + String.fromCharCode(97 + (i % 26));

/** Small documents made distinct by their alias, so each also answers with its own bytes, and each is kept by both caches. */
const DISTINCT_ALIASES = hostile('distinct aliases', (i) => JSON.stringify({ query: `{ q${letters(i)}: certificateTypes { kind } }` }));

/** `i` in `digits` (ten characters): a name or string holding a digit is never kept (operation-facts.ts). */
const spelled = (i: number, digits: string) => String(i).padStart(8, '0').replace(/[0-9]/g, (digit) => digits[Number(digit)]!);

/**
 * Long documents of few tokens, each kept by the operation cache: what they hold is their text (two
 * bytes a character for kana) and what answering copies out of it, not their handful of tokens.
 */
const LONG_KANA_ARGUMENTS = hostile('long kana argument', (i) => JSON.stringify({ query: `{ __type(name: "${spelled(i, 'アイウエオカキクケコ')}${'あ'.repeat(LONG_TOKEN_LENGTH)}") { name } }` }));
/** Each also answers with its own 9,900-letter name, so the response cache fills too. */
const LONG_ASCII_ALIASES = hostile('long ASCII alias', (i) => JSON.stringify({ query: `{ ${spelled(i, 'abcdefghij')}${'a'.repeat(LONG_TOKEN_LENGTH)}: __typename }` }));

interface Phase {
  name: string;
  connections: number;
  result: LoadResult;
}

/** What the memory table shows beside resident memory, from the server's own metrics. */
const HEAP_METRICS = ['nodejs_heap_size_used_bytes', 'nodejs_heap_size_total_bytes', 'nodejs_external_memory_bytes', 'operation_cache_entries', 'response_cache_entries'] as const;

interface MemoryNote {
  when: string;
  resident: { bytes: number }[] | null;
  heap: Record<(typeof HEAP_METRICS)[number], number | null>;
}

const perProcess = (sample: { bytes: number }[] | null) => (sample === null ? 'n/a (no /proc)' : sample.map((p) => megabytes(p.bytes)).join(' + '));
/** ` (a + b)` for several processes, nothing for one. */
const eachOf = (sample: { bytes: number }[] | null) => (sample !== null && sample.length > 1 ? ` (${perProcess(sample)})` : '');

/** The floods, and the memory of the server's processes around them. */
export class Floods {
  private readonly server: ServerHandle;
  private readonly phases: Phase[] = [];
  private readonly memory: MemoryNote[] = [];

  constructor(server: ServerHandle) {
    this.server = server;
  }

  private async run(name: string, operation: Operation, connections: number, amount: number): Promise<LoadResult> {
    const result = await runAmount(this.server.graphqlUrl, operation, connections, amount);
    this.phases.push({ name, connections, result });
    progress(`${name}: ${result.requests} requests, p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms, ${problems(result)} problems`);
    return result;
  }

  /** Notes the server's memory now, for the table; returns its resident memory. */
  async note(when: string): Promise<{ bytes: number }[] | null> {
    const resident = residentMemory(this.server.pid);
    this.memory.push({ when, resident, heap: await readMetrics(this.server.metricsOrigin, HEAP_METRICS) });
    return resident;
  }

  /** Resident memory of the idle server, just started. */
  async idle(): Promise<Row> {
    const sample = await this.note('idle, after start-up');
    const bytes = totalBytes(sample);
    return {
      attack: 'Memory, idle',
      sent: 'nothing: the server just started and answered one probe',
      budget: `all processes together ≤ ${megabytes(IDLE_MEMORY_BUDGET_BYTES)} resident`,
      measured: bytes === null ? 'n/a (no /proc)' : `${megabytes(bytes)}${eachOf(sample)}`,
      pass: bytes !== null && bytes <= IDLE_MEMORY_BUDGET_BYTES,
    };
  }

  async hashFlood(): Promise<Row[]> {
    await this.run('warm-up, small distinct', uncachedSmall('w'), 1, WARM_UP_REQUESTS);
    const smallBefore = await this.run('small uncached, before', uncachedSmall('b'), 1, SMALL_SAMPLES);
    const longBefore = await this.run('~99 KB uncached, before', longDocument('b'), 1, LONG_SAMPLES);
    await this.run(`flood: ${FLOOD_DOCUMENTS} distinct ~99 KB documents of equal length`, longDocument('f'), FLOOD_CONNECTIONS, FLOOD_DOCUMENTS);
    const smallAfter = await this.run('small uncached, after the flood', uncachedSmall('a'), 1, SMALL_SAMPLES);
    const longAfter = await this.run('~99 KB uncached, after the flood', longDocument('a'), 1, LONG_SAMPLES);
    await this.note('after the hash flood');
    const sent = `${FLOOD_DOCUMENTS.toLocaleString('en')} distinct documents of exactly ${LONG_DOCUMENT_BODY_BYTES.toLocaleString('en')} bytes of JSON body over ${FLOOD_CONNECTIONS} connections`;
    const compare = (label: string, before: LoadResult, after: LoadResult): Row => ({
      attack: `Hash flooding: ${label}`,
      sent,
      budget: `p50 of uncached ${label} requests after ≤ ${LATENCY_BUDGET_FACTOR}× before`,
      measured: `${ms(before.p50)} → ${ms(after.p50)} ms (${(after.p50 / before.p50).toFixed(2)}×)`,
      pass: after.p50 <= LATENCY_BUDGET_FACTOR * before.p50,
    });
    return [compare('small', smallBefore, smallAfter), compare('~99 KB', longBefore, longAfter)];
  }

  async distinctQueries(): Promise<Row[]> {
    await this.run(`${DISTINCT_SMALL_QUERIES} distinct small queries (aliases)`, DISTINCT_ALIASES, FLOOD_CONNECTIONS, DISTINCT_SMALL_QUERIES);
    const after = await this.note(`after ${DISTINCT_SMALL_QUERIES.toLocaleString('en')} distinct small queries`);
    const peak = peakMemory(this.server.pid);
    const sent = `${DISTINCT_SMALL_QUERIES.toLocaleString('en')} distinct small queries (\`{ q<i in letters>: certificateTypes { kind } }\`) over ${FLOOD_CONNECTIONS} connections, after the hash flood`;
    const afterBytes = totalBytes(after);
    return [
      {
        attack: 'Memory after distinct queries',
        sent,
        budget: `all processes together ≤ ${megabytes(MEMORY_BUDGET_BYTES)} resident`,
        measured: afterBytes === null ? 'n/a (no /proc)' : `${megabytes(afterBytes)}${eachOf(after)}`,
        pass: afterBytes !== null && afterBytes <= MEMORY_BUDGET_BYTES,
      },
      {
        attack: 'Memory, peak so far',
        sent: 'start-up, the hash flood and the distinct queries',
        budget: `peak resident (VmHWM) of all processes together ≤ ${megabytes(MEMORY_BUDGET_BYTES)}`,
        measured: peak === null ? 'n/a (no /proc)' : `${megabytes(peak.sumBytes)}${eachOf(peak.processes)}`,
        pass: peak !== null && peak.sumBytes <= MEMORY_BUDGET_BYTES,
      },
      {
        attack: 'Floods answered',
        sent: 'every flood and latency phase above (table below)',
        budget: 'every request answered 200 without GraphQL errors',
        measured: `${this.phases.reduce((sum, phase) => sum + problems(phase.result), 0)} problems in ${this.phases.reduce((sum, phase) => sum + phase.result.requests, 0)} requests`,
        pass: this.phases.every((phase) => problems(phase.result) === 0),
      },
    ];
  }

  /** Long documents of few tokens, kana and ASCII, then memory against the same budget. */
  async longFewTokenDocuments(): Promise<Row> {
    const kana = await this.run(`${LONG_FEW_TOKEN_DOCUMENTS} distinct long kana arguments`, LONG_KANA_ARGUMENTS, FLOOD_CONNECTIONS, LONG_FEW_TOKEN_DOCUMENTS);
    await this.note('after the long kana arguments');
    const ascii = await this.run(`${LONG_FEW_TOKEN_DOCUMENTS} distinct long ASCII aliases`, LONG_ASCII_ALIASES, FLOOD_CONNECTIONS, LONG_FEW_TOKEN_DOCUMENTS);
    const now = totalBytes(await this.note('after the long documents of few tokens'));
    const peak = peakMemory(this.server.pid);
    const failures = problems(kana) + problems(ascii);
    return {
      attack: 'Memory after long few-token documents',
      sent: `${LONG_FEW_TOKEN_DOCUMENTS.toLocaleString('en')} distinct \`{ __type(name: "<8 kana><${LONG_TOKEN_LENGTH.toLocaleString('en')} × あ>") { name } }\`, then as many \`{ <${LONG_TOKEN_LENGTH.toLocaleString('en')}-letter alias>: __typename }\`, over ${FLOOD_CONNECTIONS} connections`,
      budget: `all processes together ≤ ${megabytes(MEMORY_BUDGET_BYTES)} resident, now and at the peak (VmHWM); every request answered 200 without GraphQL errors`,
      measured: now === null || peak === null ? 'n/a (no /proc)' : `${megabytes(now)} now, ${megabytes(peak.sumBytes)} at the peak; ${failures} problems`,
      pass: now !== null && peak !== null && now <= MEMORY_BUDGET_BYTES && peak.sumBytes <= MEMORY_BUDGET_BYTES && failures === 0,
    };
  }

  /** Memory once every attack on this server has run: the same budget, met or not whatever came before. */
  async afterEverything(): Promise<Row> {
    const now = totalBytes(await this.note('after every attack'));
    const peak = peakMemory(this.server.pid);
    return {
      attack: 'Memory after every attack',
      sent: 'every attack above on this one server, the expensive documents and the scrape flood included',
      budget: `all processes together ≤ ${megabytes(MEMORY_BUDGET_BYTES)} resident, now and at the peak (VmHWM)`,
      measured: now === null || peak === null ? 'n/a (no /proc)' : `${megabytes(now)} now, ${megabytes(peak.sumBytes)} at the peak`,
      pass: now !== null && peak !== null && now <= MEMORY_BUDGET_BYTES && peak.sumBytes <= MEMORY_BUDGET_BYTES,
    };
  }

  details(): Details[] {
    return [
      {
        title: 'Latency of the floods',
        text: table(
          ['phase', 'requests', 'connections', 'p50 ms', 'p99 ms', 'max ms', 'errors / non-2xx / GraphQL errors'],
          this.phases.map((phase) => [phase.name, phase.result.requests, phase.connections, ms(phase.result.p50), ms(phase.result.p99), ms(phase.result.max), `${phase.result.errors} / ${phase.result.non2xx} / ${phase.result.graphqlErrors}`]),
        ),
      },
      {
        title: 'Memory of the main server',
        text: `Resident memory from \`/proc\`; the heap, external memory and cache entries as the server's metrics port reports them.

${table(
  ['when', 'resident, all processes', 'each process', 'heap used / total', 'external', 'operation cache entries', 'response cache entries'],
  this.memory.map(({ when, resident, heap }) => {
    const bytes = totalBytes(resident);
    const mb = (value: number | null) => (value === null ? 'n/a' : megabytes(value));
    return [
      when,
      bytes === null ? 'n/a' : megabytes(bytes),
      perProcess(resident),
      `${mb(heap.nodejs_heap_size_used_bytes)} / ${mb(heap.nodejs_heap_size_total_bytes)}`,
      mb(heap.nodejs_external_memory_bytes),
      heap.operation_cache_entries ?? 'n/a',
      heap.response_cache_entries ?? 'n/a',
    ];
  }),
)}`,
      },
    ];
  }
}
