import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config.ts';
import type { CompiledOperations } from '../graphql/compiled-operations.ts';
import { ErrorCode } from '../graphql/errors.ts';
import { compressAnswer, COMPRESSION, EncodedBody, withVary, type CompressibleAnswer } from './compression.ts';
import { corsHeaders, PREFLIGHT_HEADERS } from './cors.ts';
import { etagOf } from './etag.ts';
import { GRAPHIQL_ASSET_PREFIX, revalidatedPage, type GraphiQLAssets } from './graphiql-assets.ts';
import { graphqlParams, mediaType, negotiatedContentType, type GraphQLParams } from './graphql-params.ts';
import type { Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';
import type { RateLimiter } from './rate-limit.ts';
import { newRequestInfo, runInRequest, type RequestInfo } from './request-context.ts';
import type { ResponseCache } from './response-cache.ts';
import type { TokyoDay } from './tokyo-day.ts';

export interface HttpRequest {
  method: string;
  /** Path and query string, e.g. `/graphql?query=...`. */
  url: string;
  headers: Readonly<Record<string, string | undefined>>;
  body: Buffer | null;
  /** Address of the peer, for rate limiting. */
  remoteAddress: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface HandlerDependencies {
  config: Config;
  graphql: (request: Request) => Promise<Response>;
  cache: ResponseCache;
  rateLimiter: RateLimiter | null;
  day: TokyoDay;
  metrics: Metrics;
  logger: Logger;
  readiness: () => { migrationsApplied: boolean; dataPresent: boolean };
  openDataCsv: () => string;
  allowArbitraryOperations: (apiKey: string | undefined) => boolean;
  compiled: CompiledOperations;
  /** A fresh GraphQL context, as Yoga builds one for each request. */
  createContext: () => object;
  persistedDocument: (id: string) => string | undefined;
  graphiqlAssets: GraphiQLAssets;
}

interface Answer {
  status: number;
  contentType: string;
  body: Buffer;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const ROUTES = new Set(['/graphql', '/health', '/ready', '/metrics', '/opendata/public-facilities.csv']);
/** Headers a browser cannot send cross-site without a CORS preflight; one of them on a GET proves it is not CSRF. */
const CSRF_HEADERS = ['x-graphql-csrf', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-api-key'];

function isJson(contentType: string | undefined): boolean {
  const type = contentType === undefined ? undefined : mediaType(contentType);
  return type === 'application/json' || type === 'application/graphql-response+json';
}

/** The body of every error answered outside GraphQL execution: the same shape as GraphQL's own. */
export function errorBody(message: string, code: string, extensions: Record<string, unknown> = {}): string {
  return JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] });
}

function jsonResponse(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-store', ...headers }, body };
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** The routes of the service: /graphql behind limits and the response cache, plus operations endpoints. */
export function createHandler(deps: HandlerDependencies): (request: HttpRequest) => Promise<HttpResponse> {
  const { config, cache, day, metrics, logger } = deps;

  function clientOf(request: HttpRequest): string {
    const apiKey = request.headers['x-api-key'];
    if (apiKey && config.apiKeys.includes(apiKey)) return `key:${apiKey}`;
    // The right-most entry is the one the trusted proxy appended; earlier ones are the client's word.
    const forwarded = config.trustProxy ? request.headers['x-forwarded-for']?.split(',').at(-1)?.trim() : undefined;
    return `ip:${forwarded || request.remoteAddress}`;
  }

  async function graphql(request: HttpRequest, info: RequestInfo): Promise<CompressibleAnswer & { cache?: string }> {
    const isGet = request.method === 'GET' || request.method === 'HEAD';
    // GraphiQL keeps the editor's query in the page's address, so its page is asked for with one.
    const wantsPage = config.graphiql && isGet && (request.headers.accept ?? '').includes('text/html');
    // Yoga renders GraphiQL for GET only; a HEAD gets the same headers, and no body on the wire.
    if (wantsPage) return { ...revalidatedPage(await toHttp(await deps.graphql(toRequest({ ...request, method: 'GET' })), 'page'), request), cache: 'page' };
    // Only JSON bodies: a browser cannot send one cross-site without a CORS preflight, which is
    // what makes POST safe from CSRF; form and text bodies are refused outright.
    if (request.method === 'POST' && !isJson(request.headers['content-type'])) {
      return jsonResponse(415, errorBody('Send the body as JSON with `content-type: application/json`.', ErrorCode.UNSUPPORTED_MEDIA_TYPE));
    }
    if (isGet && !CSRF_HEADERS.some((header) => request.headers[header])) {
      return jsonResponse(403, errorBody('A GET needs the header `x-graphql-csrf: 1` (or `x-api-key`); or POST the request as JSON.', ErrorCode.CSRF_HEADER_REQUIRED));
    }
    if (negotiatedContentType(request.headers.accept) === null) {
      return jsonResponse(406, errorBody('Accept `application/graphql-response+json` or `application/json`.', ErrorCode.NOT_ACCEPTABLE));
    }
    const payload = isGet ? request.url : request.body;
    if (payload !== null && payload.length > config.limits.maxBodyBytes) {
      return jsonResponse(isGet ? 414 : 413, errorBody(`The request is larger than ${config.limits.maxBodyBytes} bytes.`, ErrorCode.PAYLOAD_TOO_LARGE));
    }
    const today = day.today();
    const arbitrary = deps.allowArbitraryOperations(request.headers['x-api-key']);
    const key = `${request.method}\n${request.headers.accept ?? ''}\n${arbitrary ? 'A' : 'P'}\n${payload?.toString() ?? ''}`;
    const hit = cache.get(key, today);
    if (hit) {
      info.operationName = hit.operationName;
      info.cost = hit.cost;
      return withCacheHeaders({ status: hit.status, headers: { 'content-type': hit.contentType }, body: hit.body.identity, encoded: hit.body }, hit.etag, hit.day !== null, request, 'hit');
    }
    const params = graphqlParams(request.method, request.url, request.body, deps.persistedDocument);
    const answer = (params && (await compiledAnswer(params, arbitrary, request, info))) ?? (await yogaAnswer(params, request, info));
    const reusable = answer.status === 200 && info.errorCodes.length === 0 && !info.personalData;
    if (!reusable) {
      // Answers built from birth dates, and errors, are never stored here or by any HTTP cache.
      return { status: answer.status, headers: { 'content-type': answer.contentType, 'cache-control': 'no-store' }, body: answer.body, cache: 'bypass' };
    }
    const etag = etagOf(answer.body);
    const encoded = new EncodedBody(answer.body, COMPRESSION.dynamic);
    cache.set(key, { ...answer, body: encoded, etag, operationName: info.operationName, cost: info.cost, day: info.usesToday ? today : null });
    return withCacheHeaders({ status: 200, headers: { 'content-type': answer.contentType }, body: answer.body, encoded }, etag, info.usesToday, request, 'miss');
  }

  /** The fast path: a learned operation run by graphql-jit; null when Yoga must answer instead. */
  async function compiledAnswer(params: GraphQLParams, arbitrary: boolean, request: HttpRequest, info: RequestInfo): Promise<Answer | null> {
    const contentType = negotiatedContentType(request.headers.accept);
    if (contentType === null || (params.persistedId === null && !arbitrary)) return null;
    const execution = runInRequest(info, () => deps.compiled.execute(params, deps.createContext()));
    if (execution === null) return null;
    const result = await execution.result;
    if (result.errors?.length) return null;
    info.operationName = execution.operationName;
    info.cost = execution.cost;
    info.persistedId = params.persistedId;
    return { status: 200, contentType, body: Buffer.from(JSON.stringify(result)) };
  }

  async function yogaAnswer(params: GraphQLParams | null, request: HttpRequest, info: RequestInfo): Promise<Answer> {
    const response = await runInRequest(info, () => deps.graphql(toRequest(request)));
    const answer = { status: response.status, contentType: response.headers.get('content-type') ?? JSON_TYPE, body: Buffer.from(await response.arrayBuffer()) };
    if (params && answer.status === 200 && info.errorCodes.length === 0) deps.compiled.learn(params.document, params.operationName);
    return answer;
  }

  function withCacheHeaders(response: CompressibleAnswer, etag: string, dated: boolean, request: HttpRequest, outcome: string): CompressibleAnswer & { cache: string } {
    const isGet = request.method === 'GET' || request.method === 'HEAD';
    // A date-dependent answer must not outlive the Tokyo day it was computed for.
    const maxAge = dated ? Math.min(config.cacheMaxAgeSeconds, day.secondsUntilTomorrow()) : config.cacheMaxAgeSeconds;
    const cacheControl = isGet ? `public, max-age=${maxAge}` : 'no-store';
    if (isGet && request.headers['if-none-match'] === etag) {
      return { status: 304, headers: { etag, 'cache-control': cacheControl }, body: '', cache: outcome };
    }
    return { ...response, headers: { ...response.headers, etag, 'cache-control': cacheControl }, cache: outcome };
  }

  async function route(request: HttpRequest, path: string, info: RequestInfo): Promise<CompressibleAnswer & { cache?: string }> {
    if (path === '/health') return jsonResponse(200, '{"status":"ok"}');
    if (path === '/ready') {
      let state;
      try {
        state = deps.readiness();
      } catch {
        state = { migrationsApplied: false, dataPresent: false };
      }
      const ready = state.migrationsApplied && state.dataPresent;
      return jsonResponse(ready ? 200 : 503, JSON.stringify({ status: ready ? 'ready' : 'not ready', ...state }));
    }
    if (path === '/metrics') return { status: 200, headers: { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' }, body: metrics.render() };
    if (path === '/opendata/public-facilities.csv') {
      if (request.method !== 'GET' && request.method !== 'HEAD') return jsonResponse(405, errorBody('Use GET.', ErrorCode.METHOD_NOT_ALLOWED), { allow: 'GET, HEAD' });
      const csv = deps.openDataCsv();
      const headers = { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'inline; filename="public-facilities.csv"' };
      return withCacheHeaders({ status: 200, headers, body: csv }, etagOf(csv), false, request, 'none');
    }
    if (path === '/graphql') {
      if (request.method === 'OPTIONS') return { status: 204, headers: PREFLIGHT_HEADERS, body: '' };
      if (deps.rateLimiter) {
        const retryAfter = deps.rateLimiter.take(clientOf(request));
        if (retryAfter > 0) {
          return jsonResponse(429, errorBody(`Too many requests; retry in ${retryAfter} s.`, ErrorCode.RATE_LIMITED, { retryAfter }), { 'retry-after': String(retryAfter) });
        }
      }
      return graphql(request, info);
    }
    if (config.graphiql && path.startsWith(GRAPHIQL_ASSET_PREFIX) && (request.method === 'GET' || request.method === 'HEAD')) {
      const asset = await deps.graphiqlAssets.answer(path, request);
      if (asset) return asset;
    }
    return jsonResponse(404, errorBody(`Nothing is served at ${path}; the API is at /graphql.`, ErrorCode.NOT_FOUND));
  }

  return async (request) => {
    const started = performance.now();
    const info = newRequestInfo(randomUUID());
    const path = pathOf(request.url);
    let response: CompressibleAnswer & { cache?: string };
    try {
      response = await route(request, path, info);
    } catch (error) {
      logger.error({ requestId: info.id, msg: 'unhandled error', error: error instanceof Error ? error.stack : String(error) });
      response = jsonResponse(500, errorBody('Unexpected error.', ErrorCode.INTERNAL_SERVER_ERROR, { requestId: info.id }));
    }
    response.headers['x-request-id'] = info.id;
    for (const [name, value] of Object.entries(corsHeaders(config.corsOrigins, request.headers.origin))) {
      response.headers[name] = name === 'vary' ? withVary(response.headers.vary, value) : value;
    }
    // Before the clock stops and the status is counted: compression takes time and may answer 304.
    const { cache: outcome, ...plain } = response;
    const answer = compressAnswer(request, plain, COMPRESSION);
    const seconds = (performance.now() - started) / 1000;
    metrics.observeDuration(seconds);
    // Unknown paths share one label, so a scan of random URLs cannot grow the metrics.
    metrics.requests.inc({ path: ROUTES.has(path) ? path : 'other', status: String(answer.status), cache: outcome ?? 'none' });
    for (const code of info.errorCodes) metrics.rejections.inc({ code });
    if (path !== '/metrics' && path !== '/health') {
      logger.info({
        requestId: info.id,
        method: request.method,
        path,
        status: answer.status,
        durationMs: Math.round(seconds * 10_000) / 10,
        operationName: info.operationName,
        persistedId: info.persistedId,
        cost: info.cost,
        cache: outcome ?? null,
        errors: info.errorCodes.length > 0 ? info.errorCodes : undefined,
      });
    }
    return answer;
  };
}

function toRequest(request: HttpRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers.set(name, value);
  const hasBody = request.body !== null && request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(`http://localhost${request.url}`, { method: request.method, headers, body: hasBody ? new Uint8Array(request.body!) : null });
}

async function toHttp(response: Response, cache: string): Promise<HttpResponse & { cache: string }> {
  const headers: Record<string, string> = {};
  // Yoga's Headers keep the case they were set with; every stage here reads lower-case names.
  response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()), cache };
}

/** Adapts the handler to node:http, reading at most one byte more than the body limit. */
export function nodeListener(handle: (request: HttpRequest) => Promise<HttpResponse>, maxBodyBytes: number) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      const headers: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      void handle({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers,
        body: chunks.length > 0 ? Buffer.concat(chunks) : null,
        remoteAddress: req.socket.remoteAddress ?? 'unknown',
      }).then((response) => {
        // An oversized body was left unread: the connection cannot be reused.
        const connection = size > maxBodyBytes ? { connection: 'close' } : {};
        res.writeHead(response.status, { ...response.headers, ...connection, 'content-length': Buffer.byteLength(response.body) });
        res.end(req.method === 'HEAD' ? undefined : response.body);
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
