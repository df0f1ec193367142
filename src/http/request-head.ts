/** What a request's head alone decides, before its body is read: refusals of its framing and of its singleton fields (RFC 9112, RFC 9110 §5.3). */
import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../graphql/errors.ts';
import type { EarlyRefusal } from './http-message.ts';

const HOST_MISSING: EarlyRefusal = { status: 400, message: 'An HTTP/1.1 request needs a Host header.', code: ErrorCode.BAD_REQUEST };
const HOST_REPEATED: EarlyRefusal = { status: 400, message: 'A request carries one Host header, not several.', code: ErrorCode.BAD_REQUEST };
const HOST_INVALID: EarlyRefusal = { status: 400, message: 'The Host header is not a host name or address, with an optional port.', code: ErrorCode.BAD_REQUEST };
/**
 * RFC 3986 §3.2.2–3.2.3: an IP literal in brackets (IPv6, with an RFC 6874 zone id, or IPvFuture:
 * unreserved, sub-delimiter, `:` and `%` characters), or a name of unreserved, percent-encoded and
 * sub-delimiter characters; then `:port`.
 */
const HOST_VALUE = /^(?:\[[A-Za-z0-9\-._~!$&'()*+,;=:%]+\]|[A-Za-z0-9\-._~!$&'()*+,;=%]*)(?::\d*)?$/;

/**
 * RFC 9112 §3.2: a request with more than one Host line, or a Host whose value is invalid, is
 * answered 400, and so is one without Host when its version requires it (HTTP/1.1; HTTP/1.0 had none).
 */
function hostRefusal(lines: readonly string[], required: boolean): EarlyRefusal | null {
  if (lines.length === 0) return required ? HOST_MISSING : null;
  if (lines.length > 1) return HOST_REPEATED;
  return HOST_VALUE.test(lines[0]!) ? null : HOST_INVALID;
}

/**
 * RFC 9110 §5.3: a field defined as one value may not be sent twice. Node keeps the first
 * Content-Type and drops the rest, and an intermediary that reads the last one would see another
 * request than this server answers.
 */
const CONTENT_TYPE_REPEATED: EarlyRefusal = { status: 400, message: 'A request carries one Content-Type header, not several.', code: ErrorCode.BAD_REQUEST };
/**
 * RFC 9112 §6.1: a transfer coding the server does not understand is refused, not read past. Node's
 * parser refuses a `Transfer-Encoding` whose last coding is not `chunked`, but takes `gzip, chunked`
 * and hands over the body still gzip-coded, which was then read as if plain. The RFC's status is
 * 501; bad input never gets a 5xx here, so it is a 400, as for the HTTP/2 preface.
 */
const TRANSFER_CODING_REFUSED: EarlyRefusal = { status: 400, message: 'The only transfer coding understood is `chunked`.', code: ErrorCode.BAD_REQUEST };
/**
 * RFC 9112 §6.1: HTTP/1.0 has no Transfer-Encoding; a 1.0 message carrying one is read as faulty
 * framing, and its connection closes after the answer (closesAfterAnswer). Node's parser read it as
 * chunked and kept the connection, where an intermediary speaking 1.0 frames it otherwise.
 */
const TRANSFER_CODING_IN_HTTP_1_0: EarlyRefusal = { status: 400, message: 'HTTP/1.0 has no Transfer-Encoding (RFC 9112 §6.1).', code: ErrorCode.BAD_REQUEST };

const isHttp10 = (req: IncomingMessage): boolean => req.httpVersionMajor === 1 && req.httpVersionMinor === 0;

/** An HTTP/1.0 request with Transfer-Encoding, whose framing RFC 9112 §6.1 calls faulty: refused, and its connection closed. */
const hasFaultyFraming = (req: IncomingMessage): boolean => isHttp10(req) && req.headers['transfer-encoding'] !== undefined;

/** Whether the request's Transfer-Encoding names a coding other than chunked (codings are case-insensitive). */
function hasOtherTransferCoding(header: string): boolean {
  return header.split(',').some((coding) => coding.trim().toLowerCase() !== 'chunked');
}

/** The refusal a request's head earns, in this order: its Host lines, a repeated Content-Type, its transfer coding; null when none. */
export function headRefusal(req: IncomingMessage): EarlyRefusal | null {
  // Node keeps only the first of a repeated field in `headers`; `rawHeaders` has every line.
  const hosts: string[] = [];
  let contentTypes = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    if (name.length === 4 && name.toLowerCase() === 'host') hosts.push(req.rawHeaders[i + 1]!);
    else if (name.length === 12 && name.toLowerCase() === 'content-type') contentTypes++;
  }
  const host = hostRefusal(hosts, !isHttp10(req));
  if (host) return host;
  if (contentTypes > 1) return CONTENT_TYPE_REPEATED;
  if (hasFaultyFraming(req)) return TRANSFER_CODING_IN_HTTP_1_0;
  const transferEncoding = req.headers['transfer-encoding'];
  return transferEncoding !== undefined && hasOtherTransferCoding(transferEncoding) ? TRANSFER_CODING_REFUSED : null;
}

/**
 * Whether the connection closes after this request's answer, whatever keep-alive asks: a 1.0
 * request with Transfer-Encoding (its framing is faulty), and a request asking to switch protocols
 * (Upgrade, with `upgrade` in Connection): this server switches to none and answers it as usual,
 * but Node's parser stops reading the connection there, so a request pipelined behind it would
 * never be read (RFC 9112 §9.6).
 */
export function closesAfterAnswer(req: IncomingMessage): boolean {
  if (hasFaultyFraming(req)) return true;
  return req.headers.upgrade !== undefined && /(?:^|,)\s*upgrade\s*(?:,|$)/i.test(req.headers.connection ?? '');
}
