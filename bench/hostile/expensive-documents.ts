/**
 * Documents built to cost the server as much as the limits allow (bench/hostile/documents.ts), sent
 * one at a time so each is charged its own server CPU time (bench/hostile/measure.ts): the
 * fragment fan-out with /health probed meanwhile, the `nodes(ids:)` alias flood (also from 8
 * clients at once), the 590 repeated fields, and the generator's shapes.
 */
import { checkedAnswer } from '../http.ts';
import { median } from '../load.ts';
import { ms, table } from '../report.ts';
import type { ServerHandle } from '../servers.ts';
import { sleep } from '../processes.ts';
import { aliasFlood, checkedSize, fanOut, FULL_BATCH_COST, FULL_BATCH_INPUTS, fullAnalystBatch, repeatedFields, SHAPES, type Shape } from './documents.ts';
import { answers, sample, samples, spread, stream, timed, type Sample } from './measure.ts';
import type { Details, Findings, Row } from './row.ts';

/** The fan-out refused in ≤ 50 ms (docs/hostile-load.md). The same for the alias flood. */
const REFUSAL_BUDGET_MS = 50;
/** /health while the fan-outs are refused: answered, each within this. */
const HEALTH_BUDGET_MS = 50;
const HEALTH_PROBE_INTERVAL_MS = 10;
/**
 * No request within MAX_BODY_BYTES costs more than 20 ms of CPU before its operation runs
 * (docs/hostile-load.md): the server's CPU over a stream of such requests, divided by their number,
 * as `npm run bench` charges a request. What runs is bounded by MAX_COST instead: see `budgetMs`.
 */
const CPU_BUDGET_MS = 20;
const FAN_OUT_LEVELS = [16, 18, 20, 22, 150];
const REQUESTS_PER_ATTACK = 20;
const ALIAS_FLOOD_CLIENTS = 8;
const ALIAS_FLOOD_REQUESTS_PER_CLIENT = 5;
/** Each shape is sent this many times first, uncounted: an attacker's documents meet warm code too. */
const SHAPE_WARM_UP = 3;
const REQUESTS_PER_SHAPE = 30;

const kilobytes = (text: string) => `${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`;
const refused = (taken: Sample[]) => taken.every((s) => s.status === 400 && s.code !== null);
const worst = (taken: Sample[], pick: (s: Sample) => number) => spread(taken.map(pick));

/** The fan-out at each depth, /health probed on connections of its own the whole time. */
async function fanOutRows(server: ServerHandle): Promise<Row[]> {
  const health: number[] = [];
  const healthFailures: string[] = [];
  let probing = true;
  const prober = (async () => {
    while (probing) {
      const { ms: took, outcome } = await timed(`${server.origin}/health`);
      if ('error' in outcome || outcome.status !== 200) healthFailures.push('error' in outcome ? outcome.error : String(outcome.status));
      else health.push(took);
      await sleep(HEALTH_PROBE_INTERVAL_MS);
    }
  })();
  const rows: Row[] = [];
  try {
    for (const levels of FAN_OUT_LEVELS) {
      const taken = await samples(server, (i) => fanOut(levels, i), REQUESTS_PER_ATTACK);
      const wall = worst(taken, (s) => s.ms);
      rows.push({
        attack: `Fragment fan-out, ${levels} levels`,
        sent: `each fragment spreads the next twice (\`{...F0} fragment F0 on Query{notices{key}...F1 ...F1} …\`), ${levels} levels, ${kilobytes(fanOut(levels, 0))}; ${REQUESTS_PER_ATTACK} in turn`,
        budget: `refused (400) in ≤ ${REFUSAL_BUDGET_MS} ms`,
        measured: `${answers(taken)}; max ${ms(wall.max)} ms (p50 ${ms(wall.p50)}); server CPU max ${ms(worst(taken, (s) => s.cpuMs).max)} ms`,
        pass: refused(taken) && wall.max <= REFUSAL_BUDGET_MS,
      });
    }
  } finally {
    probing = false;
    await prober;
  }
  const probes = spread(health);
  rows.push({
    attack: 'Fragment fan-out: /health meanwhile',
    sent: `GET /health every ${HEALTH_PROBE_INTERVAL_MS} ms, each on a new connection, while the fan-outs above were sent`,
    budget: `every probe 200 within ${HEALTH_BUDGET_MS} ms`,
    measured: `${health.length} answered, max ${ms(probes.max)} ms (p99 ${ms(probes.p99)}); ${healthFailures.length} failed${healthFailures.length > 0 ? ` (${[...new Set(healthFailures)].join(', ')})` : ''}`,
    pass: healthFailures.length === 0 && health.length > 0 && probes.max <= HEALTH_BUDGET_MS,
  });
  return rows;
}

/** The ids of every IdDocumentList, as the server gives them: the flood asks for real objects. */
async function idDocumentListIds(server: ServerHandle): Promise<string[]> {
  const answer = await checkedAnswer(server.graphqlUrl, JSON.stringify({ query: '{ idDocumentLists { id } }' }));
  return (JSON.parse(answer.body.toString()) as { data: { idDocumentLists: { id: string }[] } }).data.idDocumentLists.map((list) => list.id);
}

async function aliasFloodRows(server: ServerHandle): Promise<Row[]> {
  const lists = await idDocumentListIds(server);
  const ids = Array.from({ length: 100 }, (_, i) => lists[i % lists.length]!);
  const body = (i: number) => aliasFlood(ids, i);
  const sent = `22 aliases × \`nodes(ids: $ids)\` with 100 ids of IdDocumentLists × every field of \`IdDocumentList.documents\` (${kilobytes(body(0))})`;
  const alone = await samples(server, body, REQUESTS_PER_ATTACK);
  const clients = await Promise.all(
    Array.from({ length: ALIAS_FLOOD_CLIENTS }, async (_, client) => {
      const taken: Sample[] = [];
      for (let i = 0; i < ALIAS_FLOOD_REQUESTS_PER_CLIENT; i++) taken.push(await sample(server, body(1_000 * (client + 1) + i)));
      return taken;
    }),
  );
  const together = clients.flat();
  const largest = Math.max(...[...alone, ...together].map((s) => s.bytes));
  const wall = worst(alone, (s) => s.ms);
  return [
    {
      attack: 'nodes(ids:) alias flood',
      sent: `${sent}; ${REQUESTS_PER_ATTACK} in turn`,
      budget: `refused (400) in ≤ ${REFUSAL_BUDGET_MS} ms, the answer < 1 KB`,
      measured: `${answers(alone)}; max ${ms(wall.max)} ms (p50 ${ms(wall.p50)}); server CPU max ${ms(worst(alone, (s) => s.cpuMs).max)} ms; largest answer ${largest} bytes`,
      pass: refused(alone) && wall.max <= REFUSAL_BUDGET_MS && largest < 1_024,
    },
    {
      attack: `nodes(ids:) alias flood, ${ALIAS_FLOOD_CLIENTS} clients`,
      sent: `the same from ${ALIAS_FLOOD_CLIENTS} clients at once, ${ALIAS_FLOOD_REQUESTS_PER_CLIENT} each`,
      budget: `every one refused (400), median ≤ ${REFUSAL_BUDGET_MS} ms`,
      measured: `${answers(together)}; median ${ms(median(together.map((s) => s.ms)))} ms, max ${ms(worst(together, (s) => s.ms).max)} ms`,
      pass: refused(together) && median(together.map((s) => s.ms)) <= REFUSAL_BUDGET_MS,
    },
  ];
}

/** What a row says of a stream's server CPU: per request over the stream, then the single requests' spread. */
const streamCpu = (cpuMsPerRequest: number, taken: Sample[]) => {
  const single = worst(taken, (s) => s.cpuMs);
  return `server CPU ${ms(cpuMsPerRequest)} ms per request over the stream (single requests: p50 ${ms(single.p50)}, max ${ms(single.max)})`;
};

async function repeatedFieldsRow(server: ServerHandle): Promise<Row> {
  const { taken, cpuMsPerRequest } = await stream(server, repeatedFields, REQUESTS_PER_ATTACK);
  return {
    attack: 'One field repeated 590 times',
    sent: `\`{ notices{key} notices{key} … }\`, 590 times (${kilobytes(repeatedFields(0))}), invalid; ${REQUESTS_PER_ATTACK} in turn`,
    budget: `refused; server CPU ≤ ${CPU_BUDGET_MS} ms per request over the stream`,
    measured: `${answers(taken)}; ${streamCpu(cpuMsPerRequest, taken)}`,
    pass: refused(taken) && cpuMsPerRequest <= CPU_BUDGET_MS,
  };
}

/** Measured the same way first, for scale: what an ordinary uncached request costs on this machine. */
const REFERENCE: Shape = {
  id: 'reference: a small query',
  description: '`{ notices { key } }` with a distinct comment; valid; not an attack, no budget',
  body: (i) => JSON.stringify({ query: `{ notices { key } }\n# reference ${i}` }),
};

/**
 * The heaviest request the contract invites (docs/analysts.md), measured the same way: its server
 * CPU per unit of cost is what an operation that runs may spend per unit of its own cost.
 */
const FULL_BATCH: Shape = {
  id: "reference: the full analysts' batch",
  description: `AnalystBatch (operations/examples/analyst-batch.graphql) with ${FULL_BATCH_INPUTS.toLocaleString('en')} inputs of distinct birth dates and a distinct comment, cost ${FULL_BATCH_COST.toLocaleString('en')}; valid, executed; not an attack: its CPU per unit of cost sets the budget of the operations that run`,
  body: fullAnalystBatch,
};
const REFERENCES = [REFERENCE.id, FULL_BATCH.id];

interface ShapeResult {
  id: string;
  description: string;
  taken: Sample[];
  /** The server's CPU over the counted requests, divided by their number. */
  cpuMsPerRequest: number;
  largestBody: number;
}

async function shapeResults(server: ServerHandle): Promise<ShapeResult[]> {
  const results: ShapeResult[] = [];
  for (const shape of [REFERENCE, FULL_BATCH, ...SHAPES]) {
    // Bodies built before the first is sent: building one is client work, out of the measurement.
    const bodies = Array.from({ length: SHAPE_WARM_UP + REQUESTS_PER_SHAPE }, (_, i) => checkedSize(shape.body(i)));
    await samples(server, (i) => bodies[i]!, SHAPE_WARM_UP);
    const { taken, cpuMsPerRequest } = await stream(server, (i) => bodies[SHAPE_WARM_UP + i]!, REQUESTS_PER_SHAPE);
    results.push({ id: shape.id, description: shape.description, taken, cpuMsPerRequest, largestBody: Math.max(...bodies.map((b) => Buffer.byteLength(b))) });
  }
  return results;
}

/**
 * The full batch's server CPU per unit of cost, in ms: NaN unless every one of its requests ran at
 * the cost analysts.md gives, so that no budget is drawn from a batch refused or counted otherwise.
 */
function msPerCostUnit(batch: ShapeResult): number {
  return batch.taken.every((s) => s.executedCost === FULL_BATCH_COST) ? batch.cpuMsPerRequest / FULL_BATCH_COST : Number.NaN;
}

/**
 * A stream's budget, per request as its CPU is charged: 20 ms for each request, or, for one whose
 * operation ran, its cost at the full batch's CPU per unit of cost, whichever is more. The cost
 * limit is what bounds an operation that runs, and the contract invites the full batch
 * (docs/hostile-load.md): an attacker may buy no more CPU with a unit of cost than an analyst does.
 */
function budgetMs(taken: Sample[], perUnitMs: number): number {
  return taken.reduce((sum, s) => sum + Math.max(CPU_BUDGET_MS, s.executedCost === null ? 0 : s.executedCost * perUnitMs), 0) / taken.length;
}

function batchRow({ taken, cpuMsPerRequest }: ShapeResult, perUnitMs: number): Row {
  return {
    attack: "Reference: the full analysts' batch",
    sent: `${REQUESTS_PER_SHAPE} AnalystBatch requests in turn (after ${SHAPE_WARM_UP} uncounted), ${FULL_BATCH_INPUTS.toLocaleString('en')} inputs of distinct birth dates each`,
    budget: `every one answered at cost ${FULL_BATCH_COST.toLocaleString('en')} (docs/analysts.md); not an attack: its CPU per unit of cost is the rate of the budgets below`,
    measured: `${answers(taken)}; ${streamCpu(cpuMsPerRequest, taken)}: ${(perUnitMs * 1e6).toFixed(0)} ns per unit of cost`,
    pass: Number.isFinite(perUnitMs),
  };
}

function shapeRows(results: ShapeResult[], perUnitMs: number): Row[] {
  return results.map(({ id, taken, cpuMsPerRequest, largestBody }) => {
    const answered = taken.every((s) => typeof s.status === 'number' && s.status < 500);
    const ran = taken.filter((s) => s.executedCost !== null);
    const budget = budgetMs(taken, perUnitMs);
    return {
      attack: `Worst-case documents: ${id}`,
      sent: `${REQUESTS_PER_SHAPE} generated documents in turn (after ${SHAPE_WARM_UP} uncounted), bodies up to ${largestBody.toLocaleString('en')} bytes (table below)`,
      budget: `server CPU per request over the stream ≤ ${CPU_BUDGET_MS} ms a request, or an operation's cost at the full batch's rate when more: here ≤ ${ms(budget)} ms; no 5xx`,
      measured: `${streamCpu(cpuMsPerRequest, taken)}; ${answers(taken)}${ran.length > 0 ? `; ${ran.length} ran, mean cost ${Math.round(ran.reduce((sum, s) => sum + s.executedCost!, 0) / ran.length).toLocaleString('en')}` : ''}`,
      pass: answered && cpuMsPerRequest <= budget,
    };
  });
}

function shapeDetails(results: ShapeResult[]): Details {
  return {
    title: 'Worst-case documents, per shape',
    text: `Each shape's documents differ from one another (names, order, sizes drawn from a seeded generator, and
a distinct comment or name), so none is answered from a cache. Server CPU is the time on a CPU of every
thread of the server's process. **Per request over the stream**, what the budget judges, is that time from
before the first counted document to after the last, divided by their number: the collections the stream
makes the heap do are shared among its requests, as \`npm run bench\` charges a request. **Single
requests** are read just before each request and just after its answer: a collection lands whole on the
one request in flight (the concurrent marking of a major collection on the one or two before it), which is
what the maxima show; the small reference query meets them too ([performance.md](performance.md#where-the-worst-case-maxima-come-from)).
The full analysts' batch is measured the same way: its CPU per unit of cost is what an operation that
runs may spend per unit of its own ([performance.md](performance.md#what-the-cost-limit-buys)).

${table(
  ['shape', 'documents', 'answers', 'server CPU ms per request over the stream', 'single requests, server CPU ms p50 / p99 / max', 'wall ms p99 / max', 'largest answer, bytes'],
  results.map(({ id, description, taken, cpuMsPerRequest }) => {
    const cpu = worst(taken, (s) => s.cpuMs);
    const wall = worst(taken, (s) => s.ms);
    return [id, description, answers(taken), ms(cpuMsPerRequest), `${ms(cpu.p50)} / ${ms(cpu.p99)} / ${ms(cpu.max)}`, `${ms(wall.p99)} / ${ms(wall.max)}`, Math.max(...taken.map((s) => s.bytes))];
  }),
)}`,
  };
}

export async function expensiveDocuments(server: ServerHandle): Promise<Findings> {
  const rows = [...(await fanOutRows(server)), ...(await aliasFloodRows(server)), await repeatedFieldsRow(server)];
  const shapes = await shapeResults(server);
  const batch = shapes.find((result) => result.id === FULL_BATCH.id)!;
  const perUnitMs = msPerCostUnit(batch);
  const attacks = shapes.filter((result) => !REFERENCES.includes(result.id));
  return { rows: [...rows, batchRow(batch, perUnitMs), ...shapeRows(attacks, perUnitMs)], details: [shapeDetails(shapes)] };
}
