import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCode } from '../graphql/errors.ts';
import type { Logger } from '../observability/logger.ts';
import { errorBody, httpRefusal, jsonAnswer } from './json-answers.ts';
import { originForm, type HttpRequest, type HttpResponse } from './http-message.ts';

export interface NodeListenerOptions {
  maxBodyBytes: number;
  logger: Logger;
  /** False while the process drains before it stops: every answer then closes its connection. */
  keepAlive: () => boolean;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

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

function tooLarge(maxBodyBytes: number): HttpResponse {
  return httpRefusal(413, `The request is larger than ${maxBodyBytes} bytes.`, ErrorCode.PAYLOAD_TOO_LARGE);
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
export function nodeHandlers(handle: (request: HttpRequest) => Promise<HttpResponse>, options: NodeListenerOptions): { request: Listener; checkContinue: Listener } {
  const { maxBodyBytes, logger, keepAlive } = options;

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
      if (!keepAlive() || !bodyComing) headers.connection = 'close';
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

  function request(req: IncomingMessage, res: ServerResponse): void {
    // Refused before a byte of the body is read; `send` reads the rest and throws it away before finishing.
    const declared = declaredLength(req);
    if (declared !== null && declared > maxBodyBytes) {
      send(req, res, tooLarge(maxBodyBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      // Node joins a repeated header with ", " itself; only Set-Cookie stays a list, so only a
      // request carrying one (no client should) pays for a copy.
      const cookies = req.headers['set-cookie'];
      const headers = cookies === undefined ? (req.headers as Record<string, string | undefined>) : { ...req.headers, 'set-cookie': cookies.join(', ') };
      const body = chunks.length > 0 ? Buffer.concat(chunks) : null;
      let answered: Promise<HttpResponse>;
      try {
        answered = handle({ method: req.method ?? 'GET', url: originForm(req.url ?? '/'), headers, body, remoteAddress: req.socket.remoteAddress ?? 'unknown' });
      } catch (error) {
        answered = Promise.reject(error);
      }
      answered.then(
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
   * `Expect: 100-continue`: a body declared over the limit is refused before the client sends it
   * (413, no `100 Continue`), and the connection closes since the body will not follow.
   */
  function checkContinue(req: IncomingMessage, res: ServerResponse): void {
    const declared = declaredLength(req);
    if (declared !== null && declared > maxBodyBytes) {
      send(req, res, tooLarge(maxBodyBytes), false);
      return;
    }
    res.writeContinue();
    request(req, res);
  }

  return { request, checkContinue };
}

/** Why Node's HTTP parser gave up on a connection, as the status and coded body it is answered with. */
function parserRefusal(code: string | undefined): { status: string; body: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: '431 Request Header Fields Too Large', body: errorBody('The request line and headers are too large.', ErrorCode.REQUEST_HEADER_TOO_LARGE) };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: '408 Request Timeout', body: errorBody('The request did not arrive in time.', ErrorCode.REQUEST_TIMEOUT) };
    default:
      return { status: '400 Bad Request', body: errorBody('Malformed HTTP request.', ErrorCode.BAD_REQUEST) };
  }
}

/**
 * What Node's HTTP parser refuses before any handler runs, and a request past its header or body
 * deadline, still get a coded JSON answer, unless an answer has already started on the connection.
 */
export function rejectMalformedRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  const answering = (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (!socket.writable || answering?.headersSent) {
    socket.destroy();
    return;
  }
  const { status, body } = parserRefusal(error.code);
  socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
