import { describe, expect, it } from 'vitest';
import { serverForTests } from './support/file-server.ts';

// A probe (2026-12-06) crashed the process out of memory with about 390,000 client addresses in a
// minute: the in-memory rate limit kept a record for each, however many, and an IPv6 /64 holds
// 2^64 of them, each with a budget of its own. Behind a proxy (TRUST_PROXY), the address each
// request counts under is the right-most X-Forwarded-For entry, which the test chooses.

const LIMIT = 2;
const MAX_CLIENTS = 100;
const server = serverForTests({ TRUST_PROXY: 'true', RATE_LIMIT_PER_MINUTE: String(LIMIT), RATE_LIMIT_MAX_CLIENTS: String(MAX_CLIENTS) });

/** The status of one cheap /graphql request counted under `address`. */
async function statusFrom(address: string): Promise<number> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.7, ${address}` },
    body: '{"query":"{ __typename }"}',
  });
  await response.arrayBuffer();
  return response.status;
}

async function statusesFrom(addresses: string[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const address of addresses) statuses.push(await statusFrom(address));
  return statuses;
}

describe('the addresses the rate limit counts', () => {
  it('counts every address of one IPv6 /64 as one client, however it is written', async () => {
    expect(await statusesFrom(['2001:db8:1:2::1', '2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:DB8:1:2:0:0:0:3'])).toEqual([200, 200, 429]);
    // Another /64 has a budget of its own.
    expect(await statusFrom('2001:db8:1:3::1')).toBe(200);
  });

  it('counts an IPv4 address and its IPv6-mapped form as one client, and each IPv4 address alone', async () => {
    expect(await statusesFrom(['192.0.2.1', '::ffff:192.0.2.1', '192.0.2.1'])).toEqual([200, 200, 429]);
    expect(await statusFrom('192.0.2.2')).toBe(200);
  });

  it(`keeps at most RATE_LIMIT_MAX_CLIENTS clients: past ${MAX_CLIENTS} others, the least recently seen one starts a new window`, async () => {
    expect(await statusesFrom(['198.51.100.1', '198.51.100.1', '198.51.100.1'])).toEqual([200, 200, 429]);
    const others = Array.from({ length: MAX_CLIENTS }, (_, i) => `10.${i >> 8}.${i & 255}.1`);
    expect(new Set(await statusesFrom(others))).toEqual(new Set([200]));
    expect(await statusFrom('198.51.100.1')).toBe(200);
  });
});
