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
export function hostRefusal(lines: readonly string[], required: boolean): EarlyRefusal | null {
  if (lines.length === 0) return required ? HOST_MISSING : null;
  if (lines.length > 1) return HOST_REPEATED;
  return HOST_VALUE.test(lines[0]!) ? null : HOST_INVALID;
}
