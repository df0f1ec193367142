/**
 * Many client addresses behind a trusted proxy (TRUST_PROXY): the in-memory rate limit once kept a
 * window for every address seen in the last minute, however many, and about 390,000 addresses in a
 * minute ran the heap out (the process died); each address of an IPv6 /64 also had a budget of its own.
 */
import autocannon from 'autocannon';
import { loadConfig } from '../../src/config.ts';
import { GRAPHQL_HEADERS, send } from '../http.ts';
import { megabytes, peakMemory } from '../memory.ts';
import { progress } from '../report.ts';
import { startProjectServer } from '../servers.ts';
import { MEMORY_BUDGET_BYTES } from './floods.ts';
import type { Findings } from './row.ts';

/** Well past what the heap held before (about 0.4 KB of it a client, against 160 MB). */
const ADDRESSES = 400_000;
const CONNECTIONS = 16;
/** An answer from the response cache: the flood costs the server little besides the rate limit. */
const BODY = '{"query":"{ __typename }"}';

/** One group of an IPv6 address: the low 16 bits of `n`, in hexadecimal. */
const hex = (n: number) => (n & 0xffff).toString(16);

/** The i-th address: even ones IPv4, odd ones in an IPv6 /64 of their own. */
function address(i: number): string {
  const n = i >> 1;
  return i % 2 === 0 ? `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` : `2001:db8:${hex(n >> 16)}:${hex(n)}::1`;
}

/** Sends `amount` requests over CONNECTIONS, the i-th from `from(i)`; the statuses counted. */
function flood(url: string, amount: number, from: (i: number) => string): Promise<Map<number, number>> {
  let next = 0;
  const statuses = new Map<number, number>();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        amount,
        method: 'POST',
        headers: GRAPHQL_HEADERS,
        body: BODY,
        timeout: 10,
        requests: [{ setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'x-forwarded-for': `198.51.100.9, ${from(next++)}` } }) }],
      },
      (error) => (error ? reject(error) : resolve(statuses)),
    );
    instance.on('response', (_client, status) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
  });
}

const counted = (statuses: Map<number, number>) => [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${count.toLocaleString('en')} × ${status}`).join(', ');

export async function manyClientAddresses(databasePath: string): Promise<Findings> {
  const { rateLimitPerMinute, rateLimitMaxClients } = loadConfig({});
  const server = await startProjectServer(databasePath, { TRUST_PROXY: 'true', RATE_LIMIT_PER_MINUTE: String(rateLimitPerMinute) });
  try {
    const oneNetwork = rateLimitPerMinute + 100;
    const sameNetwork = await flood(server.graphqlUrl, oneNetwork, (i) => `2001:db8:ffff:1:${hex(i >> 16)}:${hex(i)}::1`);
    progress(`one IPv6 /64: ${counted(sameNetwork)}`);
    const many = await flood(server.graphqlUrl, ADDRESSES, address);
    progress(`${ADDRESSES} addresses: ${counted(many)}`);
    const alive = server.child.exitCode === null && server.child.signalCode === null;
    const health = alive ? (await send(`${server.origin}/health`)).status : null;
    const peak = peakMemory(server.pid);
    return {
      rows: [
        {
          attack: 'Addresses of one IPv6 /64',
          sent: `${oneNetwork} requests, each from its own address of one /64 (X-Forwarded-For, TRUST_PROXY=true, RATE_LIMIT_PER_MINUTE=${rateLimitPerMinute})`,
          budget: `at most ${rateLimitPerMinute} answered 200 (one client's budget), the rest 429`,
          measured: counted(sameNetwork),
          pass: (sameNetwork.get(200) ?? 0) <= rateLimitPerMinute && (sameNetwork.get(200) ?? 0) + (sameNetwork.get(429) ?? 0) === oneNetwork,
        },
        {
          attack: 'Many client addresses behind a proxy',
          sent: `${ADDRESSES.toLocaleString('en')} requests over ${CONNECTIONS} connections, each from its own address (half IPv4, half IPv6 in /64s of their own; RATE_LIMIT_MAX_CLIENTS=${rateLimitMaxClients}, the default)`,
          budget: `every request answered 200; the process lives, /health answers 200; peak resident ≤ ${megabytes(MEMORY_BUDGET_BYTES)}`,
          measured: `${counted(many)}; ${alive ? `alive, /health ${health}` : 'the process died'}; peak ${peak === null ? 'n/a (no /proc)' : megabytes(peak.sumBytes)}`,
          pass: alive && health === 200 && many.get(200) === ADDRESSES && peak !== null && peak.sumBytes <= MEMORY_BUDGET_BYTES,
        },
      ],
      details: [],
    };
  } finally {
    await server.stop();
  }
}
