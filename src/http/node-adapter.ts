import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCode } from '../graphql/errors.ts';
import type { Logger } from '../observability/logger.ts';
import { GRAPHQL_METHODS } from './admission.ts';
import { errorBody, jsonAnswer } from './json-answers.ts';
import { originForm, type EarlyRefusal, type HttpRequest, type HttpResponse } from './http-message.ts';
import { closesAfterAnswer, headRefusal } from './request-head.ts';
import { refuseOnSocket } from './socket-refusal.ts';

export interface NodeListenerOptions {
  maxBodyBytes: number;
  logger: Logger;
  /** False while the process drains before it stops: every answer then closes its connection. */
  keepAlive: () => boolean;
  /** How long a refusal written on the socket waits for the answers before it on its connection (REQUEST_TIMEOUT_MS); past it the connection closes. */
  answersBeforeRefusalMs: number;
  /** What the routes refuse a request from its head alone (admission.ts), asked before `100 Continue`. */
  refusalBeforeBody: (request: HttpRequest) => EarlyRefusal | null;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

const leaveToRequestDeadline = (): void => {};

/**
 * Statuses whose answers have no content, so no Content-Length (RFC 9110 §8.6): a server MUST NOT
 * send it in a 204, and in a 304 only as the 200's length, which the 304 did not make.
 */
const WITHOUT_CONTENT = new Set([204, 304]);

/** The length a request declares for its body, or null when it declares none (chunked, or no body). */
function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  return header === undefined ? null : Number(header);
}

function tooLarge(maxBodyBytes: number): EarlyRefusal {
  return { status: 413, message: `The request is larger than ${maxBodyBytes} bytes.`, code: ErrorCode.PAYLOAD_TOO_LARGE };
}

const EXPECTATION_FAILED: EarlyRefusal = { status: 417, message: 'The only expectation understood is `Expect: 100-continue`.', code: ErrorCode.EXPECTATION_FAILED };
/** RFC 9110 §15.5.6: a 405 names the methods answered; those of /graphql, where the message sends the client. */
const CONNECT_REFUSED: EarlyRefusal = { status: 405, message: 'CONNECT is not answered here; the API is at /graphql.', code: ErrorCode.METHOD_NOT_ALLOWED, headers: { allow: GRAPHQL_METHODS } };

/** Why Node's HTTP parser gave up on a connection. */
function parserRefusal(code: string | undefined): EarlyRefusal {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, message: 'The request line and headers are too large.', code: ErrorCode.REQUEST_HEADER_TOO_LARGE };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, message: 'The request did not arrive in time.', code: ErrorCode.REQUEST_TIMEOUT };
    default:
      return { status: 400, message: 'Malformed HTTP request.', code: ErrorCode.BAD_REQUEST };
  }
}

/**
 * Adapts the handler to node:http. Each answer is written as soon as it is made. A body is read up
 * to one byte more than the limit (a declared length over it is refused before reading): past it
 * the answer is 413, and the rest of the body is read and thrown away before the answer finishes.
 *
 * A write or header Node refuses, and a handler that rejects, cost their own answer only: caught,
 * logged with the request id, answered 500 with the id when nothing was sent yet, else the
 * connection is closed.
 */
export function nodeHandlers(
  handle: (request: HttpRequest) => Promise<HttpResponse>,
  options: NodeListenerOptions,
): {
  request: Listener;
  checkContinue: Listener;
  checkExpectation: Listener;
  connect: (req: IncomingMessage, socket: Duplex) => void;
  clientError: (error: NodeJS.ErrnoException, socket: Duplex) => void;
} {
  const { maxBodyBytes, logger, keepAlive, answersBeforeRefusalMs, refusalBeforeBody } = options;

  /** The handler's answer; a handler that throws rejects. */
  function handled(request: HttpRequest): Promise<HttpResponse> {
    try {
      return handle(request);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** What the handler sees of a request Node read the head of. */
  function requestOf(req: IncomingMessage, body: Buffer | null, refusal?: EarlyRefusal): HttpRequest {
    // Node joins a repeated header with ", " itself; only Set-Cookie stays a list, so only a
    // request carrying one (no client should) pays for a copy.
    const cookies = req.headers['set-cookie'];
    const headers = cookies === undefined ? (req.headers as Record<string, string | undefined>) : { ...req.headers, 'set-cookie': cookies.join(', ') };
    return { method: req.method ?? 'GET', url: originForm(req.url ?? '/'), headers, body, remoteAddress: req.socket.remoteAddress ?? 'unknown', refusal };
  }

  /** A refusal decided before the body is read, answered by the routes like any other answer. */
  function refuse(req: IncomingMessage, res: ServerResponse, refusal: EarlyRefusal, bodyComing: boolean): void {
    handled(requestOf(req, null, refusal)).then(
      (response) => send(req, res, response, bodyComing),
      (error: unknown) => failed(res, error, randomUUID()),
    );
  }

  /** A refusal on a connection Node gives no response object for: written on the socket in its turn, which then closes (socket-refusal.ts). */
  function refuseSocket(socket: Duplex, request: HttpRequest): void {
    refuseOnSocket(socket, answersBeforeRefusalMs, () => handled(request), (error) => logger.internalError(null, error));
  }

  function failed(res: ServerResponse, error: unknown, requestId: string): void {
    logger.internalError(requestId, error);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    const answer = jsonAnswer(500, errorBody('Unexpected error.', ErrorCode.INTERNAL_SERVER_ERROR, { requestId }), { 'x-request-id': requestId });
    try {
      res.writeHead(answer.status, { ...answer.headers, connection: 'close', 'content-length': Buffer.byteLength(answer.body) });
      res.end(answer.body);
    } catch {
      res.destroy();
    }
  }

  /** Writes the answer; `bodyComing: false` when the client waits for it before sending its body (Expect: 100-continue). */
  function send(req: IncomingMessage, res: ServerResponse, response: HttpResponse, bodyComing = true): void {
    try {
      const headers: Record<string, string | number> = WITHOUT_CONTENT.has(response.status) ? { ...response.headers } : { ...response.headers, 'content-length': Buffer.byteLength(response.body) };
      if (!keepAlive() || !bodyComing || closesAfterAnswer(req)) headers.connection = 'close';
      res.writeHead(response.status, headers);
      const body = req.method === 'HEAD' ? undefined : response.body;
      if (req.complete || !bodyComing) {
        res.end(body);
        return;
      }
      // Answered before the whole body was read (it is over the limit): the answer goes out at
      // once, but is finished only once the rest has been read and thrown away. Node closes a
      // connection whose answer is finished, and a client still sending would meet a closed socket
      // (EPIPE) instead of reading the 413. REQUEST_TIMEOUT_MS bounds the wait.
      if (body !== undefined) res.write(body);
      req.on('end', () => res.end());
      req.resume();
    } catch (error) {
      failed(res, error, response.headers['x-request-id'] ?? randomUUID());
    }
  }

  /** What the front refuses from the head before any body is read: its framing and singleton fields, then a declared length over the limit. */
  function frontRefusal(req: IncomingMessage): EarlyRefusal | null {
    const declared = declaredLength(req);
    return headRefusal(req) ?? (declared !== null && declared > maxBodyBytes ? tooLarge(maxBodyBytes) : null);
  }

  function request(req: IncomingMessage, res: ServerResponse): void {
    // A body that stops arriving is answered 408 at REQUEST_TIMEOUT_MS; with a listener here the
    // inactivity timer of SEND_TIMEOUT_MS (node-server.ts) leaves it to that deadline, not closing first in silence.
    req.on('timeout', leaveToRequestDeadline);
    // Refused before a byte of the body is read; `send` reads the rest and throws it away before finishing.
    const refusal = frontRefusal(req);
    if (refusal) {
      refuse(req, res, refusal, true);
      return;
    }
    answerWithBody(req, res);
  }

  /** Reads the body of a request its head did not refuse (up to one byte past the limit), then answers it. */
  function answerWithBody(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      // One chunk (most bodies) is the body as it is: Buffer.concat would copy it into a second allocation.
      handled(requestOf(req, chunks.length > 1 ? Buffer.concat(chunks) : (chunks[0] ?? null))).then(
        (response) => send(req, res, response),
        (error: unknown) => failed(res, error, randomUUID()),
      );
    };
    req.on('data', (chunk: Buffer) => {
      // Past the limit the chunks are not kept; the handler has been given the first byte too many.
      if (size > maxBodyBytes) return;
      size += chunk.length;
      chunks.push(chunk);
      if (size > maxBodyBytes) finish();
    });
    req.on('end', () => {
      if (size <= maxBodyBytes) finish();
    });
    req.on('error', () => res.destroy());
  }

  /**
   * `Expect: 100-continue`: a request refused on its head alone (a body declared over the limit, a
   * Content-Type or Accept /graphql does not take …) gets its refusal instead of `100 Continue`, so
   * the client never sends the body (RFC 9110 §10.1.1), and the connection closes since the body
   * may or may not follow.
   */
  function checkContinue(req: IncomingMessage, res: ServerResponse): void {
    const refusal = frontRefusal(req) ?? refusalBeforeBody(requestOf(req, null));
    if (refusal) {
      refuse(req, res, refusal, false);
      return;
    }
    res.writeContinue();
    // The head was checked above: only the body is left to read.
    req.on('timeout', leaveToRequestDeadline);
    answerWithBody(req, res);
  }

  /** Any other `Expect` (RFC 9110 §10.1.1): 417, and the connection closes, since the body may or may not follow. */
  function checkExpectation(req: IncomingMessage, res: ServerResponse): void {
    refuse(req, res, EXPECTATION_FAILED, false);
  }

  /** CONNECT asks for a tunnel, which this server never opens. */
  function connect(req: IncomingMessage, socket: Duplex): void {
    refuseSocket(socket, requestOf(req, null, CONNECT_REFUSED));
  }

  /**
   * What Node's HTTP parser refuses before any handler runs, and a request past its header or body
   * deadline, still get a coded JSON answer and a log line, after the answers before it on the
   * connection, unless the answer to the request it cuts short has already started.
   */
  function clientError(error: NodeJS.ErrnoException, socket: Duplex): void {
    const remoteAddress = (socket as Duplex & { remoteAddress?: string }).remoteAddress ?? 'unknown';
    refuseSocket(socket, { method: '', url: '', headers: {}, body: null, remoteAddress, refusal: parserRefusal(error.code) });
  }

  return { request, checkContinue, checkExpectation, connect, clientError };
}
