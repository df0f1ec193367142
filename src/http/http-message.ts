/** A request as the front sees it, whatever server read it from the socket. */
export interface HttpRequest {
  method: string;
  /** Path and query string, e.g. `/graphql?query=...`, also when the request line gave an absolute URL (originForm). */
  url: string;
  headers: Readonly<Record<string, string | undefined>>;
  body: Buffer | null;
  /** Address of the peer, for rate limiting. */
  remoteAddress: string;
  /**
   * Set when the server refused the request before any route could read it (the size it declares,
   * an expectation, a missing Host, a request Node's parser gave up on): the routes answer this,
   * with the request id, CORS and the log line every answer gets.
   */
  refusal?: EarlyRefusal;
}

export interface EarlyRefusal {
  status: number;
  message: string;
  code: string;
  /** Headers the status asks for (`Allow` of a 405). */
  headers?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

/** GET and HEAD read; they carry their parameters in the URL and may be cached by HTTP caches. */
export function isRead(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

/** The scheme and authority of an absolute-form request target (RFC 9112 §3.2.2): `http://host:port`. */
const SCHEME_AND_AUTHORITY = /^[a-z][a-z\d+.-]*:\/\/[^/?#]*/i;

/**
 * A request target as its path and query (origin-form). A server MUST accept the absolute-form
 * (`http://host/graphql?…`, RFC 9112 §3.2.2), which proxies are sent and some clients send to
 * every server; its authority is dropped, as the Host header is, since no route depends on it.
 */
export function originForm(target: string): string {
  const authority = SCHEME_AND_AUTHORITY.exec(target);
  if (authority === null) return target;
  const rest = target.slice(authority[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * The headers the front hands to negotiator (media-types.ts, compression.ts), whose parse costs
 * about a microsecond per entry and more past a few thousand: 110 KB of `a/b,` took tens of
 * milliseconds of one core.
 */
const NEGOTIATED_HEADERS = ['accept', 'accept-encoding'] as const;

/** The first negotiated header longer than `maxBytes`, judged by its length alone (the check costs the same however long it is), or null. */
export function oversizedNegotiatedHeader(headers: HttpRequest['headers'], maxBytes: number): string | null {
  return NEGOTIATED_HEADERS.find((name) => (headers[name]?.length ?? 0) > maxBytes) ?? null;
}
