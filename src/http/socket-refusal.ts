import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HttpResponse } from './http-message.ts';

/**
 * Refusals Node gives no response object for (its parser's, a deadline's, a CONNECT's), written
 * straight on the socket, which then closes; in their turn (RFC 9112 §9.3.2: a server MUST send its
 * responses in the order the requests were received). Node writes one response at a time on a
 * socket, `socket._httpMessage`, and queues the responses to the requests pipelined behind it; when
 * one finishes, Node hands the socket to the next (or to none) before any other 'finish' listener
 * runs.
 */

/** Sockets already refused: a deadline may pass after the parser's refusal, and Node reports a client's EOF mid-request as another error. */
const refused = new WeakSet<Duplex>();

/**
 * A refused connection reads no further request: the bytes that follow are read and dropped, never
 * parsed. After a deadline's 408 Node's parser would otherwise go on reading, and a request
 * completed during the wait would be answered, before the refusal, though it came after it.
 *
 * Node feeds its parser from the socket's handle in C++ (`consume`), or, once the socket is
 * unconsumed, from its own 'data' listener; adding a 'data' listener to a server's socket
 * unconsumes it. So Node's listener is replaced by one that drops the bytes, and the parser is left
 * without input. No byte waits in between: the parser takes each read whole. (A CONNECT's socket
 * Node has already taken from its parser: it has no listener to replace.)
 *
 * The socket goes on reading rather than pausing: Node resumes a paused socket when an answer
 * finishes, bytes left unread when the socket closes make the kernel reset the connection (the
 * client may then lose the answers it has not read yet), and the client's FIN is still seen.
 */
function stopReadingRequests(socket: Duplex): void {
  socket.removeAllListeners('data');
  socket.on('data', () => {});
  socket.resume();
}

/** The response Node is writing on the socket now, if any. */
function answering(socket: Duplex): ServerResponse | null {
  return (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage ?? null;
}

/** Whether an answer can still be written on the socket: it is open, and no answer on it has begun. */
function answerable(socket: Duplex): boolean {
  return socket.writable && !answering(socket)?.headersSent;
}

/** An answer written straight on the socket, which then closes; with the Date an origin server MUST send (RFC 9110 §6.6.1), as Node's own answers have. */
function rawAnswer(response: HttpResponse): Buffer {
  const body = typeof response.body === 'string' ? Buffer.from(response.body) : response.body;
  const headers = Object.entries(response.headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return Buffer.concat([Buffer.from(`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}\r\n${headers}content-length: ${body.length}\r\ndate: ${new Date().toUTCString()}\r\nconnection: close\r\n\r\n`, 'latin1'), body]);
}

/**
 * Runs `then` once every answer before the refusal on the socket has been written: the answers to
 * requests read whole, which the handlers are making. The answer to a request cut short (the one
 * the refusal is about: its headers or body never came) will never be made, so it is not waited
 * for. Past `limitMs` of waiting the socket is destroyed instead: a connection is never held for an
 * answer that does not come.
 */
function afterAnswersBefore(socket: Duplex, limitMs: number, then: () => void): void {
  let cut: NodeJS.Timeout | undefined;
  const next = () => {
    const answer = answering(socket);
    if (socket.destroyed || answer === null || !answer.req.complete) {
      clearTimeout(cut);
      then();
      return;
    }
    if (cut === undefined) {
      cut = setTimeout(() => socket.destroy(), limitMs);
      socket.once('close', () => clearTimeout(cut));
    }
    answer.once('finish', next);
  };
  next();
}

/**
 * Writes `raw` and closes the server's side of the socket. Node then keeps the socket until the
 * client closes its own side, which a client may never do: past `limitMs` it is destroyed, so a
 * refused connection holds a slot (MAX_CONNECTIONS) no longer than a slow request could.
 */
function endWithin(socket: Duplex, raw: Buffer, limitMs: number): void {
  socket.end(raw);
  const cut = setTimeout(() => socket.destroy(), limitMs);
  socket.once('close', () => clearTimeout(cut));
}

/**
 * Stops the socket's requests at once (no later one is read), writes the refusal `answer` makes
 * once the answers to the requests read before it are written, and closes the socket; destroys it
 * instead when the answer to the request cut short has begun (the refusal would follow an answer
 * to the very request it refuses), or when `answer` rejects (`failed` is told). The socket is
 * held at most `limitMs` waiting for the answers before the refusal, and as long again for the
 * client to close. Only a socket's first refusal is answered.
 */
export function refuseOnSocket(socket: Duplex, limitMs: number, answer: () => Promise<HttpResponse>, failed: (error: unknown) => void): void {
  if (refused.has(socket)) return;
  refused.add(socket);
  // Node takes its own `error` listener off a socket it hands to the `connect` event; a client
  // resetting the connection then raised an error nobody listened for, which ended the process.
  // Whatever went wrong, the connection is only closed: the refusal is the answer.
  socket.on('error', () => socket.destroy());
  stopReadingRequests(socket);
  afterAnswersBefore(socket, limitMs, () => {
    if (!answerable(socket)) {
      socket.destroy();
      return;
    }
    answer().then(
      (response) => {
        if (answerable(socket)) endWithin(socket, rawAnswer(response), limitMs);
        else socket.destroy();
      },
      (error: unknown) => {
        failed(error);
        socket.destroy();
      },
    );
  });
}
