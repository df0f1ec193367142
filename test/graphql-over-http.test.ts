import { serverAudits } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.ts';

const app = createTestApp();

/** One request an audit sent and the answer it got (the request id aside, which is new each time). */
interface Exchange {
  request: string;
  status: number;
  contentType: string | undefined;
  body: string;
}

/**
 * A fetch whose requests go in-process through the whole pipeline of `app`, as from a client that
 * sends the CSRF header; each exchange is kept in `exchanges`.
 */
function fetchThrough(app: TestApp, exchanges: Exchange[] = []) {
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const headers: Record<string, string> = { 'x-graphql-csrf': '1' };
    request.headers.forEach((value, name) => (headers[name] = value));
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : Buffer.from(await request.arrayBuffer());
    const response = await app.request({ method: request.method, url: `${url.pathname}${url.search}`, headers, ...(body ? { body } : {}) });
    const sent = JSON.stringify([request.method, `${url.pathname}${url.search}`, Object.entries(headers).sort(), body?.toString() ?? null]);
    exchanges.push({ request: sent, status: response.status, contentType: response.headers['content-type'], body: response.text });
    return new Response(response.status === 304 || response.status === 204 ? null : response.text, { status: response.status, headers: response.headers });
  };
}

describe('GraphQL over HTTP (graphql-http audits)', () => {
  const audits = serverAudits({ url: 'http://localhost/graphql', fetchFn: fetchThrough(app) });

  it.each(audits.filter((audit) => /^(MUST|SHOULD)/.test(audit.name)).map((audit) => [audit.name, audit] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    expect(result.status, 'reason' in result ? result.reason : '').toBe('ok');
  });

  // Two fresh apps, so that neither run answers from what the other cached.
  const [aloneApp, atOnceApp] = [createTestApp(), createTestApp()];
  const byRequest = (exchanges: Exchange[]) => exchanges.sort((a, b) => a.request.localeCompare(b.request) || a.body.localeCompare(b.body));

  it('answers every audit request the same with all the audits in flight at once as with one at a time', async () => {
    const alone: Exchange[] = [];
    for (const audit of serverAudits({ url: 'http://localhost/graphql', fetchFn: fetchThrough(aloneApp, alone) })) await audit.fn();
    const atOnce: Exchange[] = [];
    await Promise.all(serverAudits({ url: 'http://localhost/graphql', fetchFn: fetchThrough(atOnceApp, atOnce) }).map((audit) => audit.fn()));
    expect(alone.length).toBeGreaterThanOrEqual(audits.length);
    expect(byRequest(atOnce)).toEqual(byRequest(alone));
  });

  // A MAY is optional; the API meets them all, pinned so that a change is seen.
  it('meets every MAY audit', async () => {
    const results = await Promise.all(audits.filter((audit) => audit.name.startsWith('MAY')).map((audit) => audit.fn()));
    expect(results.length).toBeGreaterThan(2);
    expect(results.filter((r) => r.status !== 'ok').map((r) => r.name)).toEqual([]);
  });
});
