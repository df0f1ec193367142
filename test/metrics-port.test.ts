import { connect, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDatabasePath } from './support/app.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';
import { serverForTests } from './support/file-server.ts';
import { answerParts, exchange, rawExchange } from './support/sockets.ts';

describe('/metrics', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), RATE_LIMIT_PER_MINUTE: '0' });
  }, 30_000);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
  });

  it('is not served on the API port', async () => {
    const response = await fetch(new URL('/metrics', server.url));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('# TYPE');
  });

  it('is served on METRICS_PORT, on loopback by default, counting the API’s requests', async () => {
    expect(new URL(server.metricsUrl).hostname).toBe('127.0.0.1');
    expect(new URL(server.metricsUrl).port).not.toBe(new URL(server.url).port);
    await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ notices { key } }"}' });
    // Rendered at most once a second: a scrape a second later sees the request.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const response = await fetch(server.metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toMatch(/^http_requests_total\{path="\/graphql",status="200",cache="miss"\} [1-9]\d*$/m);
  });

  it('stops listening at its 8 connections, so the next is refused (ECONNREFUSED) without being accepted, and listens again once one closes', async () => {
    const { hostname, port } = new URL(server.metricsUrl);
    const opened = (): Promise<Socket | NodeJS.ErrnoException> =>
      new Promise((resolve) => {
        const socket = connect(Number(port), hostname);
        socket.once('connect', () => resolve(socket));
        socket.once('error', resolve);
      });
    // A scrape answered on a connection shows the server accepted it (and, at the cap, stopped listening).
    const scraped = (socket: Socket): Promise<boolean> =>
      new Promise((resolve) => {
        socket.once('data', () => resolve(true));
        socket.once('close', () => resolve(false));
        socket.write('GET /metrics HTTP/1.1\r\nhost: localhost\r\n\r\n');
      });
    const held: Socket[] = [];
    let refusal: string | undefined;
    try {
      // Other tests' connections may be open too: at most 8 are accepted whatever they are.
      while (held.length <= 8 && refusal === undefined) {
        const socket = await opened();
        if (!(socket instanceof Socket)) refusal = socket.code;
        else if (await scraped(socket)) held.push(socket);
        else refusal = 'accepted, then closed';
      }
      expect(refusal).toBe('ECONNREFUSED');
      expect(held.length).toBeLessThanOrEqual(8);
      held.pop()!.destroy();
      // Listening again waits for the server to read the close: asked until it answers, for 5 s at most.
      const deadline = performance.now() + 5_000;
      let status: number | string = 'not tried';
      while (status !== 200 && performance.now() < deadline) {
        status = await fetch(server.metricsUrl).then(
          (response) => response.status,
          (error: { cause?: { code?: string } }) => error.cause?.code ?? 'failed',
        );
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(status).toBe(200);
    } finally {
      for (const socket of held) socket.destroy();
      // The server counts them closed, and listens again, once it has read the closes.
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  it('answers a scrape whose headers do not end within 5 s with 408, and closes it', async () => {
    const { hostname, port } = new URL(server.metricsUrl);
    const socket = connect(Number(port), hostname, () => socket.write('GET /metrics HTTP/1.1\r\nhost: localhost\r\n'));
    const started = performance.now();
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    await new Promise((resolve) => socket.once('close', resolve));
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(performance.now() - started).toBeLessThan(8_000);
  }, 15_000);

  it('renders a flood of scrapes at most once a second and refuses connections past its cap', async () => {
    const started = performance.now();
    const outcomes = await Promise.all(Array.from({ length: 200 }, () => exchange(server.metricsUrl).outcome));
    const seconds = (performance.now() - started) / 1000;
    const bodies = outcomes.flatMap((outcome) => ('status' in outcome && outcome.status === 200 ? [outcome.text] : []));
    expect(bodies.length).toBeGreaterThan(0);
    // process_cpu_seconds_total and the heap move between two renderings: equal texts are one rendering.
    expect(new Set(bodies).size).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
    expect(outcomes.some((outcome) => 'error' in outcome)).toBe(true);
  });
});

/** The status line and body of a scrape of `metricsUrl` naming `host` in its Host header, on a connection of its own. */
async function scrapeNaming(metricsUrl: string, host: string): Promise<{ statusLine: string; body: string }> {
  const { statusLine, body } = answerParts(await rawExchange(metricsUrl, `GET /metrics HTTP/1.1\r\nhost: ${host}\r\nconnection: close\r\n\r\n`));
  return { statusLine, body };
}

// A page whose name the attacker points at 127.0.0.1 (DNS rebinding) reads from its own origin
// whatever answers there; the Host header still carries the page's name.
describe('/metrics on loopback (METRICS_HOST left to 127.0.0.1)', () => {
  const server = serverForTests({ RATE_LIMIT_PER_MINUTE: '0' });

  it.each(['rebinding.example', 'rebinding.example:9464', 'localhost.rebinding.example', '127.0.0.1.rebinding.example', '192.0.2.1:9464', '[2001:db8::1]:9464'])(
    'refuses a scrape naming %s with 421 and a line of text, no metrics',
    async (host) => {
      expect(await scrapeNaming(server.metricsUrl, host)).toEqual({ statusLine: 'HTTP/1.1 421 Misdirected Request', body: 'The metrics are served only to a Host of loopback: localhost, 127.x.x.x or [::1].\n' });
    },
  );

  it.each(['localhost', 'LocalHost:9464', '127.0.0.1', '127.3.2.1:80', '[::1]', '[::1]:9464'])('answers a scrape naming %s with the metrics', async (host) => {
    const { statusLine, body } = await scrapeNaming(server.metricsUrl, host);
    expect(statusLine).toBe('HTTP/1.1 200 OK');
    expect(body).toContain('# TYPE http_requests_total counter');
  });
});

describe('/metrics on an address other than loopback (METRICS_HOST=0.0.0.0)', () => {
  const server = serverForTests({ RATE_LIMIT_PER_MINUTE: '0', METRICS_HOST: '0.0.0.0' });

  it('answers a scrape naming the service as Prometheus does (api:9464) with the metrics', async () => {
    const { statusLine, body } = await scrapeNaming(server.metricsUrl, 'api:9464');
    expect(statusLine).toBe('HTTP/1.1 200 OK');
    expect(body).toContain('# TYPE http_requests_total counter');
  });
});
