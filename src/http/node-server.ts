import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Socket, Server as TcpServer } from 'node:net';
import type { Duplex } from 'node:stream';
import type { EventFields, Logger } from '../observability/logger.ts';
import type { EarlyRefusal, HttpRequest, HttpResponse } from './http-message.ts';
import { nodeHandlers } from './node-adapter.ts';

/** What one process's HTTP server holds open, and for how long (docs/deployment.md, "Bounds"). */
export interface ConnectionLimits {
  /** Open connections at most; further ones are refused while it is full. */
  maxConnections: number;
  /** From a connection's first byte (or from its previous answer) to the end of the request's headers. */
  headersTimeoutMs: number;
  /** From a request's first byte to the end of its body. */
  requestTimeoutMs: number;
  /** How long a connection may go without a byte moving while an answer is pending: a client that stops reading is cut. */
  sendTimeoutMs: number;
  /** How long an idle keep-alive connection is kept for its next request. */
  keepAliveTimeoutMs: number;
}

/** How often Node looks for connections past their deadlines; its default, 30 s, let slow headers live 60–90 s. */
const DEADLINE_CHECK_MS = 1_000;
/** Descriptors left to everything but connections: the database file, stdout, Redis, the metrics port, the event loop's own. */
const DESCRIPTOR_RESERVE = 64;
/** At most one line per this long about refused connections, however many there are. */
const REFUSAL_LOG_INTERVAL_MS = 10_000;
/** While stopping, connections that went idle are closed this often (an answer begun before the drain keeps its connection). */
const IDLE_SWEEP_MS = 50;

/** The process's limit on open descriptors (Linux; Node raises it to the hard limit at start); null where unknown. */
function descriptorLimit(): number | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((candidate) => candidate.startsWith('Max open files'));
    const soft = Number(line?.split(/\s{2,}/)[1]);
    return Number.isInteger(soft) ? soft : null;
  } catch {
    return null;
  }
}

/** MAX_CONNECTIONS, lowered to what the descriptor limit leaves after the reserve: connections alone never exhaust it. */
function connectionCap(maxConnections: number, limit: number | null): number {
  return limit === null ? maxConnections : Math.max(1, Math.min(maxConnections, limit - DESCRIPTOR_RESERVE));
}

/** Logs `msg` on the first event, then at most once per interval with how many events came since the last line. */
function throttledLog(log: (msg: string, fields: EventFields) => void, msg: string, fields: EventFields): () => void {
  let since = 0;
  let quietUntil = 0;
  return () => {
    since++;
    const now = Date.now();
    if (now < quietUntil) return;
    quietUntil = now + REFUSAL_LOG_INTERVAL_MS;
    log(msg, { ...fields, count: since });
    since = 0;
  };
}

/** Listens, resolving with the port once it does; a failure to listen rejects, a later failure to accept is logged. */
export function listen(server: TcpServer, port: number, host: string, logger: Logger): Promise<number> {
  const acceptFailed = throttledLog(logger.error, 'cannot accept connections; refusing new ones until descriptors are free', {});
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      // EMFILE/ENFILE: libuv closes what it cannot take (the client sees the connection closed) and
      // accepts again once a descriptor is free; the process goes on.
      server.on('error', () => {
        // An error while not listening is not about accepting (the metrics port listening again).
        if (server.listening) acceptFailed();
      });
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export interface ServingServerOptions {
  handle: (request: HttpRequest) => Promise<HttpResponse>;
  /** What the routes refuse a request from its head alone, answered instead of `100 Continue`. */
  refusalBeforeBody: (request: HttpRequest) => EarlyRefusal | null;
  maxBodyBytes: number;
  limits: ConnectionLimits;
  logger: Logger;
  /** False once the process drains: answers then close their connections. */
  keepAlive: () => boolean;
}

export interface ServingServer {
  server: Server;
  /** The connection cap in force (MAX_CONNECTIONS, or lower for the descriptor limit). */
  maxConnections: number;
  /**
   * Stops honestly (docs/deployment.md, "Graceful shutdown"): for `drainMs` the listener still
   * accepts, so connections the kernel already took are served, each answer closing its
   * connection; then it closes (new connections are refused) and idle connections are closed.
   * At `timeoutMs` from the call whatever is left is cut. Resolves once no connection is open.
   */
  shutdown(drainMs: number, timeoutMs: number): Promise<void>;
}

/** The API's node:http server, every resource it holds bounded (docs/deployment.md, "Bounds"). */
export function createServingServer(options: ServingServerOptions): ServingServer {
  const { limits, logger } = options;
  const { request, checkContinue, checkExpectation, connect, clientError } = nodeHandlers(options.handle, {
    maxBodyBytes: options.maxBodyBytes,
    logger,
    keepAlive: options.keepAlive,
    answersBeforeRefusalMs: limits.requestTimeoutMs,
    refusalBeforeBody: options.refusalBeforeBody,
  });
  const server = createServer(
    {
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: DEADLINE_CHECK_MS,
      // A GET carries its document in the URL, so the header limit leaves room for a full request.
      maxHeaderSize: options.maxBodyBytes + 16 * 1024,
      // Node's own answer to a request without Host is a bare 400; the handler's is coded and logged.
      requireHostHeader: false,
    },
    request,
  );
  // A client may close its sending side once its requests are written and still read their answers
  // (RFC 9112 §9.6). By default Node aborts the requests pending at that FIN, and their answers are
  // lost; with this it writes them in order and ends the connection after the last. The property is
  // Node's own (lib/_http_server.js), read on each FIN, and missing from its types.
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;
  const descriptors = descriptorLimit();
  const maxConnections = connectionCap(limits.maxConnections, descriptors);
  // An error line, as the logger has no warning level: a setting not honoured must be seen under
  // LOG_LEVEL=error too, as the heap limit's line is (src/server.ts).
  if (maxConnections < limits.maxConnections) {
    logger.error(`MAX_CONNECTIONS lowered to the descriptor limit less ${DESCRIPTOR_RESERVE}; raise the limit (ulimit -n) or lower MAX_CONNECTIONS`, {
      maxConnectionsAsked: limits.maxConnections,
      maxConnections,
      descriptorLimit: descriptors,
    });
  }
  // Past the cap Node closes each new connection as soon as it is accepted: refused, never queued.
  server.maxConnections = maxConnections;
  server.on('drop', throttledLog(logger.error, 'connection limit reached; refusing new connections', { maxConnections }));
  // Node has no deadline on writing an answer, and a client that stops reading (pipelined requests
  // whose answers back up) held its connection for ever: a few such clients, the whole cap. This is
  // the socket's inactivity timer, armed by Node on each connection and reset by any byte read or
  // written (a large write still draining counts), so a slow download goes on. Node swaps in the
  // keep-alive timer while the connection is idle, and destroys the socket when either fires.
  server.timeout = limits.sendTimeoutMs;
  const answersNotRead = throttledLog(logger.info, 'answers not read within SEND_TIMEOUT_MS; resetting their connections', { sendTimeoutMs: limits.sendTimeoutMs });
  // Bytes still waiting to be written tell a client not reading from an idle connection's expiry.
  // That connection is reset rather than closed: a close leaves the unread answers, megabytes, to
  // the kernel, which goes on offering them to the client (FIN-WAIT-1) until its retries give up.
  // Runs before Node's own listener, whose destroy then finds the socket destroyed.
  function onInactive(this: Socket): void {
    if (this.writableLength === 0) return;
    answersNotRead();
    this.resetAndDestroy();
  }
  server.on('connection', (socket: Socket) => socket.prependListener('timeout', onInactive));
  server.on('checkContinue', checkContinue);
  server.on('checkExpectation', checkExpectation);
  // Node tracks a CONNECT's socket no more once it hands it over, so closeAllConnections misses it:
  // kept here until it closes, it is cut at the shutdown deadline like every other connection.
  const handedOver = new Set<Duplex>();
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    handedOver.add(socket);
    socket.once('close', () => handedOver.delete(socket));
    connect(req, socket);
  });
  server.on('clientError', clientError);

  function shutdown(drainMs: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const deadline = setTimeout(() => {
        logger.error('shutdown deadline passed; closing remaining connections', { timeoutMs });
        server.closeAllConnections();
        for (const socket of handedOver) socket.destroy();
      }, timeoutMs);
      // Closed right after the event loop has accepted what the kernel queued (setImmediate runs
      // after that), so only a connection arriving in that instant meets the close.
      const closeListener = () => {
        const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
        server.close(() => {
          clearTimeout(deadline);
          clearInterval(sweep);
          resolve();
        });
        logger.info('stopped accepting connections');
      };
      setTimeout(() => setImmediate(closeListener), Math.min(drainMs, timeoutMs));
    });
  }

  return { server, maxConnections, shutdown };
}
