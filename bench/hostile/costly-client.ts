/**
 * One client at the production rate limit, sending operations near MAX_COST one after another as
 * fast as they are answered: counted one request each, it could run RATE_LIMIT_PER_MINUTE of them a
 * minute (a core's worth of CPU); counted by cost (RATE_LIMIT_COST_PER_REQUEST), only what its
 * budget buys runs, and the rest is refused before it runs.
 */
import { loadConfig } from '../../src/config.ts';
import { ms } from '../report.ts';
import { startProjectServer } from '../servers.ts';
import { SHAPES } from './documents.ts';
import { answers, stream } from './measure.ts';
import type { Findings } from './row.ts';

/** More than the budget of one window could run at any cost above RATE_LIMIT_COST_PER_REQUEST. */
const REQUESTS = 60;
const SHAPE = 'aliases at the cost limit';

export async function costlyClient(databasePath: string): Promise<Findings> {
  const { rateLimitPerMinute, rateLimitCostPerRequest } = loadConfig({});
  const shape = SHAPES.find((candidate) => candidate.id === SHAPE)!;
  const server = await startProjectServer(databasePath, { RATE_LIMIT_PER_MINUTE: String(rateLimitPerMinute) });
  try {
    const { taken, cpuMsPerRequest } = await stream(server, shape.body, REQUESTS);
    const ran = taken.filter((sample) => sample.executedCost !== null);
    const highestCost = Math.max(...ran.map((sample) => sample.executedCost!), 0);
    // What the window's budget buys at the highest cost that ran: each such operation counts ⌈cost / unit⌉ requests.
    const allowed = highestCost === 0 ? REQUESTS : Math.floor(rateLimitPerMinute / Math.ceil(highestCost / rateLimitCostPerRequest));
    const refusedAsLimited = taken.every((sample) => sample.executedCost !== null || (sample.status === 429 && sample.code === 'RATE_LIMITED'));
    const ranCpuMs = ran.reduce((sum, sample) => sum + sample.cpuMs, 0);
    return {
      rows: [
        {
          attack: 'One client at the rate limit, operations at MAX_COST',
          sent: `${REQUESTS} documents of the shape "${SHAPE}" from one address, one after another, to a server with RATE_LIMIT_PER_MINUTE=${rateLimitPerMinute} and RATE_LIMIT_COST_PER_REQUEST=${rateLimitCostPerRequest} (the defaults)`,
          budget: `at most ⌊${rateLimitPerMinute} / ⌈cost / ${rateLimitCostPerRequest}⌉⌋ run in the window; every other answer 429 RATE_LIMITED, before it runs`,
          measured: `${ran.length} ran (highest cost ${highestCost}: at most ${allowed}), ${ms(ranCpuMs)} ms of server CPU for them; ${answers(taken)}; ${ms(cpuMsPerRequest)} ms of server CPU per request over the stream`,
          pass: ran.length <= allowed && refusedAsLimited,
        },
      ],
      details: [],
    };
  } finally {
    await server.stop();
  }
}
