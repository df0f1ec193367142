import type { TokyoDay } from '../clock.ts';
import { cacheKey } from '../cache-key.ts';
import { ErrorCode } from '../graphql/errors.ts';
import type { Executor } from '../graphql/execution/executor.ts';
import type { RequestRecord } from '../graphql/execution/request-record.ts';
import { admit } from './admission.ts';
import type { FrontOptions } from './front-options.ts';
import { refusal } from './json-answers.ts';
import { isStorable, noStore, withValidators, type Outcome } from './cache-policy.ts';
import { COMPRESSION, EncodedBody } from './compression.ts';
import { deprecationHeaders } from './deprecation.ts';
import { etagOf } from './etag.ts';
import { revalidatedPage } from './graphiql-assets.ts';
import { isRead, type HttpRequest } from './http-message.ts';
import { negotiatedContentType, readParams } from './graphql-params.ts';
import type { ResponseCache } from './response-cache.ts';

export interface GraphQLRouteDependencies {
  options: FrontOptions;
  executor: Executor;
  cache: ResponseCache;
  day: TokyoDay;
  persistedDocument: (id: string) => string | undefined;
}

/**
 * /graphql: admission, the response cache, parameters, inspection of the operation (personal
 * data, deprecations), execution, and the caching headers, in that order.
 */
export function graphqlRoute({ options, executor, cache, day, persistedDocument }: GraphQLRouteDependencies) {
  return async function answer(request: HttpRequest, record: RequestRecord): Promise<Outcome> {
    // GraphiQL keeps the editor's query in the page's address, so its page is asked for with one.
    if (options.graphiql && isRead(request.method) && (request.headers.accept ?? '').includes('text/html')) {
      // Yoga renders the page for GET only; a HEAD gets the same headers, and no body from the adapter.
      const page = await executor.page(toFetchRequest({ ...request, method: 'GET' }), record);
      return { ...revalidatedPage(await fromFetchResponse(page), request), cache: 'page' };
    }
    const negotiated = negotiatedContentType(request.headers.accept);
    const refused = admit(request, options.maxBodyBytes, negotiated);
    if (refused) return { ...refused, cache: 'none' };
    // Admitted: an acceptable response type was found.
    const contentType = negotiated!;
    const payload = isRead(request.method) ? request.url : (request.body ?? '');
    const arbitrary = options.allowsArbitrary(request.headers['x-api-key']);
    const key = cacheKey(request.method, request.headers.accept ?? '', arbitrary ? 'arbitrary' : 'persisted', payload);
    const today = day.today();
    const hit = cache.get(key, today);
    if (hit) {
      record.operationName = hit.operationName;
      record.cost = hit.cost;
      const response = { status: hit.status, headers: { ...hit.headers }, body: hit.body.identity, encoded: hit.body };
      return withValidators(response, hit.etag, hit.day !== null, request, day, options.cacheMaxAgeSeconds, 'hit');
    }
    const params = readParams(request.method, request.url, request.body, persistedDocument);
    if (params.kind === 'malformed') {
      record.errorCodes.push(ErrorCode.BAD_REQUEST);
      return { ...refusal(400, params.message, ErrorCode.BAD_REQUEST), cache: 'none' };
    }
    const operation = params.kind === 'operation' ? params.operation : null;
    const inspection = operation && executor.inspect(operation);
    const http = { apiKey: request.headers['x-api-key'] ?? null, fetchRequest: () => toFetchRequest(request) };
    const answer = await executor.answer(http, record, operation, inspection, contentType);
    const headers: Record<string, string> = { ...deprecationHeaders(inspection?.deprecations ?? []), 'content-type': answer.contentType };
    if (answer.retryAfter !== undefined) headers['retry-after'] = answer.retryAfter;
    if (!isStorable(answer, record, inspection)) return noStore(answer, headers);
    const etag = etagOf(answer.body);
    const encoded = new EncodedBody(answer.body, COMPRESSION.dynamic);
    cache.set(key, { status: 200, headers, body: encoded, etag, operationName: record.operationName, cost: record.cost, day: record.usesToday ? today : null });
    const response = { status: 200, headers: { ...headers }, body: answer.body, encoded };
    return withValidators(response, etag, record.usesToday, request, day, options.cacheMaxAgeSeconds, 'miss');
  };
}

function toFetchRequest(request: HttpRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers.set(name, value);
  const hasBody = request.body !== null && !isRead(request.method);
  return new Request(`http://localhost${request.url}`, { method: request.method, headers, body: hasBody ? new Uint8Array(request.body!) : null });
}

async function fromFetchResponse(response: Response) {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
}
