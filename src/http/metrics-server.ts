import { createServer } from 'node:http';
import { BlockList, createServer as createTcpServer, isIP, type Socket } from 'node:net';
import type { Logger } from '../observability/logger.ts';
import { isRead, originForm, pathOf } from './http-message.ts';
import { listen } from './node-server.ts';

/**
 * Metrics are rendered at most this often, scrapes in between sharing the text, and one connection
 * is answered at most this often (Prometheus scrapes every 15–60 s).
 */
const METRICS_RENDER_INTERVAL_MS = 1_000;
/** Connections at most: a Prometheus server or two and a person with curl. Past it, refused by the kernel (the port stops listening). */
const MAX_CONNECTIONS = 8;
/** Header, request and keep-alive deadline of a scrape. */
const SCRAPE_TIMEOUT_MS = 5_000;

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** `localhost`, or an address of loopback (127.0.0.0/8, ::1). */
function isLoopback(name: string): boolean {
  if (name.toLowerCase() === 'localhost') return true;
  const family = isIP(name);
  return family !== 0 && LOOPBACK.check(name, family === 4 ? 'ipv4' : 'ipv6');
}

/** Whether a Host header names loopback (isLoopback), with or without a port; an IPv6 address in brackets. */
function namesLoopback(header: string | undefined): boolean {
  const match = /^(?:\[([^\]]*)\]|([^:[\]]*))(?::\d*)?$/.exec(header ?? '');
  return match !== null && isLoopback(match[1] ?? match[2]!);
}

const OTHER_HOST = 'The metrics are served only to a Host of loopback: localhost, 127.x.x.x or [::1].\n';

export interface MetricsSource {
  contentType: string;
  /** The text exposition (a cluster's primary collects it from every worker). */
  render(): Promise<string>;
}

/**
 * `render`, called at most once per `intervalMs` and never twice at once: every caller in between
 * gets the same text, so a flood of scrapes costs one rendering per interval.
 */
export function sharedRender(render: () => Promise<string>, intervalMs: number): () => Promise<string> {
  let current: Promise<string> | null = null;
  let settledAt = -Infinity;
  let pending = false;
  return () => {
    if (current === null || (!pending && performance.now() - settledAt >= intervalMs)) {
      pending = true;
      current = render().finally(() => {
        pending = false;
        settledAt = performance.now();
      });
    }
    return current;
  };
}

/**
 * `/metrics` on a port of its own (METRICS_PORT, loopback by default): off the API's port, so its
 * scrapes spend none of the API's connections, limits or rate budget, and the public cannot reach
 * it unless the operator opens it. Resolves once it listens.
 *
 * At MAX_CONNECTIONS the port stops listening, and listens again once one of them closes: meanwhile
 * the kernel refuses further connections (ECONNREFUSED) without waking the process. Accepting each
 * and closing it at once (`server.maxConnections`) cost the API's event loop an accept and a close
 * per attempt: about 850 a second from 50 clients scraping in a loop.
 */
export async function startMetricsServer(source: MetricsSource, port: number, host: string, logger: Logger): Promise<{ port: number; close(): void }> {
  const text = sharedRender(() => source.render(), METRICS_RENDER_INTERVAL_MS);
  // Bound to another address, the operator chose to be scraped by whatever name reaches it.
  const loopbackOnly = isLoopback(host);
  // When each connection was last answered: a client that scrapes again at once waits its turn, so
  // the capped connections cannot take more than a few answers a second from the API's event loop.
  const answeredAt = new WeakMap<Socket, number>();
  const server = createServer(
    { headersTimeout: SCRAPE_TIMEOUT_MS, requestTimeout: SCRAPE_TIMEOUT_MS, keepAliveTimeout: SCRAPE_TIMEOUT_MS, connectionsCheckingInterval: 1_000 },
    (req, res) => {
      const plain = (status: number, body: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers, 'content-length': Buffer.byteLength(body) });
        res.end(body);
      };
      // On loopback, a page of any site whose name its DNS points at 127.0.0.1 (DNS rebinding) could
      // read the metrics from the browser as its own origin; the Host still names that site. 421,
      // not 403: the request is not forbidden to someone, it is for a host this server is not.
      if (loopbackOnly && !namesLoopback(req.headers.host)) return plain(421, OTHER_HOST);
      if (pathOf(originForm(req.url ?? '/')) !== '/metrics') return plain(404, 'Only /metrics is served here.\n');
      // RFC 9110 §15.5.6: a 405 MUST name the methods the resource answers.
      if (!isRead(req.method ?? '')) return plain(405, 'Use GET.\n', { allow: 'GET, HEAD' });
      const answer = () => {
        answeredAt.set(req.socket, performance.now());
        text().then(
          (body) => {
            res.writeHead(200, { 'content-type': source.contentType, 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
            res.end(req.method === 'HEAD' ? undefined : body);
          },
          (error: unknown) => {
            logger.internalError(null, error);
            plain(500, 'The metrics could not be collected.\n');
          },
        );
      };
      const wait = (answeredAt.get(req.socket) ?? -Infinity) + METRICS_RENDER_INTERVAL_MS - performance.now();
      if (wait > 0) setTimeout(answer, wait);
      else answer();
    },
  );

  // The listening socket is a plain TCP server handing each connection to the HTTP server: closed at
  // the cap and opened again below it (net.Server may listen again once closed).
  let open = 0;
  let listening = true;
  let stopped = false;
  let boundPort = port;
  const listener = createTcpServer((socket) => {
    open++;
    socket.once('close', () => {
      open--;
      listenAgain();
    });
    if (open >= MAX_CONNECTIONS && listening) {
      listening = false;
      listener.close();
    }
    server.emit('connection', socket);
  });
  const listenAgain = () => {
    if (listening || stopped || open >= MAX_CONNECTIONS) return;
    listening = true;
    listener.listen(boundPort, host);
  };
  boundPort = await listen(listener, port, host, logger);
  // Node's HTTP server starts enforcing its header, request and keep-alive deadlines when it
  // listens; the connections it is handed need them as much.
  server.emit('listening');
  // Listening again can fail (another process took the port meanwhile): logged, and tried again.
  listener.on('error', (error: NodeJS.ErrnoException) => {
    if (listening && !listener.listening) {
      listening = false;
      logger.error('metrics port cannot listen again; trying again', { code: error.code ?? null });
      setTimeout(listenAgain, METRICS_RENDER_INTERVAL_MS).unref();
    }
  });
  return {
    port: boundPort,
    close() {
      stopped = true;
      if (listener.listening) listener.close();
      server.closeAllConnections();
      server.close();
    },
  };
}
