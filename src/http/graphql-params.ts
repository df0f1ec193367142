/**
 * The GraphQL parameters of a request, read once from a GET's query string or a JSON POST body.
 * Malformed JSON or a wrong type is refused here with a fixed message: a parser's message would
 * quote the client's input.
 */
export interface GraphQLParams {
  query: string | null;
  operationName: string | null;
  variables: Record<string, unknown>;
  /** `extensions.persistedQuery.sha256Hash` (version 1), when the client sent an id. */
  persistedId: string | null;
}

export type ReadParams = { kind: 'params'; params: GraphQLParams } | { kind: 'malformed'; message: string };

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

/** Reads a GET's or a JSON POST's parameters. */
export function readParams(method: string, url: string, body: Buffer | null): ReadParams {
  const raw = rawParams(method, url, body);
  if (typeof raw === 'string') return { kind: 'malformed', message: raw };
  const { query, operationName, variables, extensions } = raw;
  if (query != null && typeof query !== 'string') return { kind: 'malformed', message: 'The `query` parameter is not a string.' };
  if (operationName != null && typeof operationName !== 'string') return { kind: 'malformed', message: 'The `operationName` parameter is not a string.' };
  if (variables != null && !isObject(variables)) return { kind: 'malformed', message: MALFORMED_PARAMETER('variables') };
  if (extensions != null && !isObject(extensions)) return { kind: 'malformed', message: MALFORMED_PARAMETER('extensions') };
  const persisted = isObject(extensions?.persistedQuery) ? extensions.persistedQuery : null;
  const persistedId = persisted?.version === 1 && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : null;
  return {
    kind: 'params',
    params: { query: query === '' ? null : (query ?? null), operationName: operationName || null, variables: variables ?? {}, persistedId },
  };
}
