import type { TokyoDay } from '../clock.ts';
import { cacheKey } from '../cache-key.ts';
import { ErrorCode } from '../graphql/errors.ts';
import type { CostCharge, Engine, GraphQLAnswer, RequestMode } from '../graphql/execution/engine.ts';
import type { RequestRecord } from '../graphql/execution/request-record.ts';
import { admit, GRAPHQL_METHODS } from './admission.ts';
import { refusedOutcome, withValidators, type Audience, type Outcome } from './cache-policy.ts';
import { COMPRESSION, EncodedBody } from './compression.ts';
import { deprecationHeaders } from './deprecation.ts';
import { etagOf } from './etag.ts';
import type { FrontOptions } from './front-options.ts';
import { GraphiQLUnavailable, graphiqlRefusal, pageAnswer, type GraphiQLPage } from './graphiql-assets.ts';
import { readParams } from './graphql-params.ts';
import { isRead, type HttpRequest } from './http-message.ts';
import { httpRefusal } from './json-answers.ts';
import { negotiateResponseType, withCharset } from './media-types.ts';
import { chooseOperation, mayUseOwnDocuments, type OperationChoice, type PersistedPolicy } from './operation-choice.ts';
import type { ResponseCache } from './response-cache.ts';

export interface GraphQLRouteDependencies {
  options: FrontOptions;
  engine: Engine;
  cache: ResponseCache;
  day: TokyoDay;
  persistedPolicy: PersistedPolicy;
  /** GraphiQL's page (graphiql-assets.ts), or why it cannot be served now. */
  graphiqlPage: () => Promise<GraphiQLPage | GraphiQLUnavailable>;
  /** Which file's data is served now: a cached answer is only ever reused for the same one. */
  dataGeneration: () => number;
}

/** An answer no cache keeps: an error, personal data, a request with parts never read, or anything not decided storable. */
function unstored(answer: GraphQLAnswer, headers: Record<string, string>): Outcome {
  return { status: answer.status, headers: { ...headers, 'cache-control': 'no-store' }, body: answer.body, cache: 'bypass' };
}

/**
 * /graphql, in order: the method, the response type (GraphiQL's page for a browser), admission,
 * the response cache, the parameters and the document to run (persisted-only decided once), the
 * engine, and the caching headers.
 */
export function graphqlRoute({ options, engine, cache, day, persistedPolicy, graphiqlPage, dataGeneration }: GraphQLRouteDependencies) {
  const { refusalExtensions } = engine;
  async function page(request: HttpRequest, record: RequestRecord): Promise<Outcome> {
    const graphiql = await graphiqlPage();
    if (graphiql instanceof GraphiQLUnavailable) return graphiqlRefusal(record, graphiql, refusalExtensions);
    const answer = { status: 200, headers: { 'content-type': withCharset('text/html'), ...graphiql.headers }, body: Buffer.from(graphiql.html) };
    return { ...pageAnswer(answer, request), cache: 'page' };
  }

  async function run(choice: OperationChoice, record: RequestRecord, mode: RequestMode, chargeCost: CostCharge | null): Promise<GraphQLAnswer> {
    if (choice.kind === 'refused') return engine.refuse(choice.error, record, mode);
    record.persistedId = choice.persistedId;
    return engine.answer(choice.operation, record, mode, chargeCost);
  }

  /** `chargeCost`: the rate limit's charge for an operation that runs, by its cost (routes.ts); null without a limit. */
  return async function answer(request: HttpRequest, record: RequestRecord, chargeCost: CostCharge | null): Promise<Outcome> {
    if (request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'POST') {
      return refusedOutcome(record, httpRefusal(405, `Use GET or POST (${GRAPHQL_METHODS}).`, ErrorCode.METHOD_NOT_ALLOWED, refusalExtensions, { allow: GRAPHQL_METHODS }), ErrorCode.METHOD_NOT_ALLOWED);
    }
    const read = isRead(request.method);
    const responseType = negotiateResponseType(request.headers.accept, options.graphiql && read);
    if (responseType === 'text/html') return page(request, record);
    const admission = admit(request, options.maxBodyBytes, responseType, refusalExtensions);
    if (admission) return refusedOutcome(record, admission.response, admission.code);

    // Admitted: one of the two JSON types was negotiated.
    const contentType = withCharset(responseType!);
    const ownDocuments = mayUseOwnDocuments(persistedPolicy, request.headers['x-api-key']);
    const payload = read ? request.url : (request.body ?? '');
    const key = cacheKey(request.method, contentType, ownDocuments ? 'own' : 'persisted', String(dataGeneration()), payload);
    const today = day.today();
    const validation = { request, day, maxAgeSeconds: options.cacheMaxAgeSeconds };
    const hit = cache.get(key, today);
    if (hit) {
      // Only an answer naming no personal data is ever stored (cache-policy.ts).
      record.personalData = false;
      record.operationName = hit.operationName;
      record.persistedId = hit.persistedId;
      record.cost = hit.cost;
      const response = { status: hit.status, headers: { ...hit.headers }, body: hit.body.identity, encoded: hit.body };
      return withValidators(response, { ...validation, etag: hit.etag, dated: hit.day !== null, audience: hit.audience, cache: 'hit' });
    }

    const reading = readParams(request.method, request.url, request.body);
    if (reading.kind === 'malformed') return refusedOutcome(record, httpRefusal(400, reading.message, ErrorCode.BAD_REQUEST, refusalExtensions, { 'content-type': contentType }), ErrorCode.BAD_REQUEST);
    const choice = chooseOperation(reading.params, persistedPolicy, ownDocuments);
    const answer = await run(choice, record, { legacyJson: responseType === 'application/json', readOnly: read }, chargeCost);
    record.personalData = answer.personalData;
    const headers: Record<string, string> = { ...deprecationHeaders(answer.deprecations), ...answer.headers, 'content-type': contentType };
    // Last, the one check that reads the request again: only of an answer that could be stored.
    if (answer.status !== 200 || record.errorCodes.length > 0 || answer.personalData || choice.kind !== 'operation' || reading.carriesUnreadParts()) return unstored(answer, headers);

    // The client's own document in kiosk mode: answered to it alone, never through a shared cache.
    const audience: Audience = choice.persistedId === null && persistedPolicy.persistedOnly ? 'private' : 'public';
    // The client's own cache, too, keeps it apart from a request without the key, which is refused (a browser-facing probe).
    if (audience === 'private') headers.vary = 'X-API-Key';
    const bytes = Buffer.from(answer.body);
    const etag = etagOf(contentType, bytes);
    const encoded = new EncodedBody(bytes, COMPRESSION.dynamic);
    const dated = record.usesToday;
    cache.set(key, { status: 200, headers, body: encoded, etag, operationName: record.operationName, persistedId: record.persistedId, cost: record.cost, day: dated ? today : null, audience });
    return withValidators({ status: 200, headers: { ...headers }, body: bytes, encoded }, { ...validation, etag, dated, audience, cache: 'miss' });
  };
}
