import Negotiator from 'negotiator';

/** What /graphql can answer in: the spec's two JSON types, and GraphiQL's page for a browser. */
export type ResponseType = 'application/graphql-response+json' | 'application/json' | 'text/html';

/** The bare media type of a Content-Type or Accept entry: `application/json; charset=utf-8` → `application/json`. */
export function mediaType(value: string): string {
  return value.split(';', 1)[0]!.trim().toLowerCase();
}

/** The Content-Type of an answer in `type`: every answer of /graphql is UTF-8. */
export function withCharset(type: ResponseType): string {
  return `${type}; charset=utf-8`;
}

/** The Content-Type of a refusal in the type negotiated (GraphQL over HTTP: the server MUST respect Accept); none when none was, and the JSON default stands. */
export function negotiatedContentType(type: ResponseType | null): Record<string, string> {
  return type === null ? {} : { 'content-type': withCharset(type) };
}

/**
 * Offered in this order, so that when the client rates several alike (`*\/*`), `application/json`
 * wins: the GraphQL-over-HTTP spec's answer for a client that did not say, which keeps the legacy
 * status codes (200 with errors) a plain `curl` expects.
 */
export const JSON_TYPES: readonly ResponseType[] = ['application/json', 'application/graphql-response+json'];
const WITH_PAGE: readonly ResponseType[] = [...JSON_TYPES, 'text/html'];

/**
 * Offered to negotiator with their charset: it matches an Accept entry's parameters against the
 * offered type's, so `application/json; charset=UTF-8` (the charset the spec recommends clients
 * name, in any case) matches, and one naming another charset does not.
 */
const OFFERED_JSON = JSON_TYPES.map(withCharset);
const OFFERED_WITH_PAGE = WITH_PAGE.map(withCharset);

/**
 * The response type for an Accept header (RFC 9110 §12.5.1: quality values, `q=0` refuses a type,
 * specificity breaks ties), from the JSON types and, when `page` is offered, GraphiQL's HTML; null
 * when the client accepts none of them. No header means `application/json`.
 */
export function negotiateResponseType(accept: string | undefined, page: boolean): ResponseType | null {
  if (accept === undefined || accept === '') return 'application/json';
  // What almost every API client sends, answered without parsing.
  if (accept === 'application/graphql-response+json' || accept === 'application/json') return accept;
  const [best] = new Negotiator({ headers: { accept } }).mediaTypes(page ? OFFERED_WITH_PAGE : OFFERED_JSON);
  return best === undefined ? null : (mediaType(best) as ResponseType);
}
