import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCode } from '../graphql/errors.ts';
import { errorBody } from './json-answers.ts';
import type { HttpRequest, HttpResponse } from './http-message.ts';

/**
 * Writes answers together once the event loop has read every request that was ready, rather than
 * each as soon as it is made. A client on the same host (a proxy in front, the benchmark's load
 * generator) is then woken by the kernel once for a burst of answers instead of once per answer:
 * on loopback under 50 connections, that wake-up had made each socket write cost the kernel about
 * twice the bare node:http server's, and writing in bursts raised the bench's ratios from
 * 0.43–0.56 to 0.59–0.65 (docs/performance.md). An answer waits at most for the others of its turn.
 */
function burstWriter(): (write: () => void) => void {
  let queued: (() => void)[] = [];
  const flush = () => {
    const burst = queued;
    queued = [];
    for (const write of burst) write();
  };
  return (write) => {
    if (queued.push(write) === 1) setImmediate(flush);
  };
}

/** Adapts the handler to node:http, reading at most one byte more than the body limit. */
export function nodeListener(handle: (request: HttpRequest) => Promise<HttpResponse>, maxBodyBytes: number) {
  const write = burstWriter();
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      // Node joins a repeated header with ", " itself; only Set-Cookie stays a list, so only a
      // request carrying one (no client should) pays for a copy.
      const cookies = req.headers['set-cookie'];
      const headers = cookies === undefined ? (req.headers as Record<string, string | undefined>) : { ...req.headers, 'set-cookie': cookies.join(', ') };
      void handle({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : null,
        remoteAddress: req.socket.remoteAddress ?? 'unknown',
      }).then((response) => {
        // An oversized body was left unread: the connection cannot be reused.
        const connection = size > maxBodyBytes ? { connection: 'close' } : {};
        write(() => {
          res.writeHead(response.status, { ...response.headers, ...connection, 'content-length': Buffer.byteLength(response.body) });
          res.end(req.method === 'HEAD' ? undefined : response.body);
        });
      });
    };
    req.on('data', (chunk: Buffer) => {
      if (size > maxBodyBytes) return;
      size += chunk.length;
      chunks.push(chunk);
      if (size > maxBodyBytes) {
        req.pause();
        finish();
      }
    });
    req.on('end', () => {
      if (size <= maxBodyBytes) finish();
    });
    req.on('error', () => res.destroy());
  };
}

/** What Node's HTTP parser refuses before any handler runs still gets a coded JSON answer. */
export function rejectMalformedRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const body = tooLarge
    ? errorBody('The request line and headers are too large.', ErrorCode.REQUEST_HEADER_TOO_LARGE)
    : errorBody('Malformed HTTP request.', ErrorCode.BAD_REQUEST);
  socket.end(
    `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
