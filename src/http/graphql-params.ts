import type { OperationRequest } from '../graphql/execution/executor.ts';

/**
 * What a GraphQL request carries: an operation the front can inspect; a malformed request, refused
 * here with a fixed message (a parser's message would quote the client's input); or anything else
 * unusual (no document, an unknown persisted id), which Yoga answers with its own coded error.
 */
export type RequestParams = { kind: 'operation'; operation: OperationRequest } | { kind: 'malformed'; message: string } | { kind: 'other' };

const MALFORMED_BODY = 'The body is not a JSON object of GraphQL parameters.';
const MALFORMED_PARAMETER = (name: string) => `The \`${name}\` parameter is not a JSON object.`;

function parseJson(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return null;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A GET's JSON-valued parameter: absent, an object, or malformed. */
function jsonParameter(search: URLSearchParams, name: string): { value: Record<string, unknown> | undefined } | null {
  const text = search.get(name);
  if (text === null || text === '') return { value: undefined };
  const parsed = parseJson(text);
  if (parsed === null || (parsed.value !== null && !isObject(parsed.value))) return null;
  return { value: (parsed.value as Record<string, unknown> | null) ?? undefined };
}

function rawParams(method: string, url: string, body: Buffer | null): Record<string, unknown> | string {
  if (method === 'POST') {
    const parsed = parseJson(body?.toString() ?? '');
    return parsed !== null && isObject(parsed.value) ? parsed.value : MALFORMED_BODY;
  }
  const query = url.indexOf('?');
  const search = new URLSearchParams(query === -1 ? '' : url.slice(query + 1));
  const variables = jsonParameter(search, 'variables');
  if (variables === null) return MALFORMED_PARAMETER('variables');
  const extensions = jsonParameter(search, 'extensions');
  if (extensions === null) return MALFORMED_PARAMETER('extensions');
  return { query: search.get('query') ?? undefined, operationName: search.get('operationName') ?? undefined, variables: variables.value, extensions: extensions.value };
}

/** Reads a GET's or a JSON POST's parameters, resolving a persisted id to its document. */
export function readParams(method: string, url: string, body: Buffer | null, persistedDocument: (id: string) => string | undefined): RequestParams {
  const raw = rawParams(method, url, body);
  if (typeof raw === 'string') return { kind: 'malformed', message: raw };
  const { query, operationName, variables, extensions } = raw;
  if (operationName != null && typeof operationName !== 'string') return { kind: 'malformed', message: 'The `operationName` parameter is not a string.' };
  if (variables != null && !isObject(variables)) return { kind: 'malformed', message: MALFORMED_PARAMETER('variables') };
  if (extensions != null && !isObject(extensions)) return { kind: 'malformed', message: MALFORMED_PARAMETER('extensions') };
  if (query != null && typeof query !== 'string') return { kind: 'malformed', message: 'The `query` parameter is not a string.' };
  const persisted = isObject(extensions?.persistedQuery) ? extensions.persistedQuery : null;
  const persistedId = persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : null;
  let document: string | undefined;
  if (typeof query === 'string' && persistedId === null) document = query;
  else if (query == null && persistedId !== null) document = persistedDocument(persistedId);
  if (document === undefined) return { kind: 'other' };
  return { kind: 'operation', operation: { document, operationName: operationName ?? null, variables: variables ?? {}, persistedId } };
}

const GRAPHQL_RESPONSE = 'application/graphql-response+json; charset=utf-8';
const JSON_RESPONSE = 'application/json; charset=utf-8';

/** The bare media type of a Content-Type or Accept entry: `application/json; charset=utf-8` → `application/json`. */
export function mediaType(value: string): string {
  return value.split(';', 1)[0]!.trim().toLowerCase();
}

/**
 * The response type Yoga would choose: the first acceptable media type in the Accept header's
 * order; null when none is acceptable (Yoga then answers 406).
 */
export function negotiatedContentType(accept: string | undefined): string | null {
  if (!accept) return JSON_RESPONSE;
  // What almost every client sends, answered without parsing.
  if (accept === 'application/graphql-response+json') return GRAPHQL_RESPONSE;
  if (accept === 'application/json') return JSON_RESPONSE;
  for (const part of accept.split(',')) {
    const type = mediaType(part);
    if (type === 'application/graphql-response+json') return GRAPHQL_RESPONSE;
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return JSON_RESPONSE;
  }
  return null;
}
