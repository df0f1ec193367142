import type { OperationRequest } from '../graphql/compiled-operations.ts';

export interface GraphQLParams extends OperationRequest {
  persistedId: string | null;
}

function objectOrNull(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function jsonOrUndefined(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return Symbol.for('invalid');
  }
}

/**
 * The GraphQL parameters of a well-formed GET or JSON POST, with a persisted id resolved to its
 * document; null for anything unusual, which Yoga then answers (and refuses) the standard way.
 */
export function graphqlParams(
  method: string,
  url: string,
  body: Buffer | null,
  persistedDocument: (id: string) => string | undefined,
): GraphQLParams | null {
  let raw: Record<string, unknown> | null;
  if (method === 'POST') {
    raw = objectOrNull(jsonOrUndefined(body?.toString() ?? null));
  } else if (method === 'GET') {
    const query = url.indexOf('?');
    const search = new URLSearchParams(query === -1 ? '' : url.slice(query + 1));
    raw = {
      query: search.get('query') ?? undefined,
      operationName: search.get('operationName') ?? undefined,
      variables: jsonOrUndefined(search.get('variables')),
      extensions: jsonOrUndefined(search.get('extensions')),
    };
  } else {
    return null;
  }
  if (raw === null) return null;
  const { query, operationName, variables, extensions } = raw;
  if (operationName != null && typeof operationName !== 'string') return null;
  if (variables != null && objectOrNull(variables) === null) return null;
  if (extensions != null && objectOrNull(extensions) === null) return null;
  const persisted = objectOrNull(objectOrNull(extensions)?.persistedQuery);
  const persistedId = persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : null;
  let document: string | undefined;
  if (typeof query === 'string' && persistedId === null) document = query;
  else if (query == null && persistedId !== null) document = persistedDocument(persistedId);
  if (document === undefined) return null;
  return { document, operationName: (operationName as string | null | undefined) ?? null, variables: (variables as Record<string, unknown> | null | undefined) ?? {}, persistedId };
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
  for (const part of accept.split(',')) {
    const type = mediaType(part);
    if (type === 'application/graphql-response+json') return GRAPHQL_RESPONSE;
    if (type === 'application/json' || type === '*/*' || type === 'application/*') return JSON_RESPONSE;
  }
  return null;
}
