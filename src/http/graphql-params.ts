import { isUtf8 } from 'node:buffer';

/**
 * The GraphQL parameters of a request, read once from a GET's query string or a JSON POST body.
 * Malformed JSON, a wrong type or no document at all is refused here with a fixed message: a
 * parser's message would quote the client's input.
 */
export type GraphQLParams = {
  operationName: string | null;
  variables: Record<string, unknown>;
} & (
  | { query: string; persistedId: null }
  /** `extensions.persistedQuery.sha256Hash` (version 1), with or without the same document as `query`. */
  | { query: string | null; persistedId: string }
);

export type ReadParams =
  | {
      kind: 'params';
      params: GraphQLParams;
      /**
       * The request carries something no step reads (an unknown parameter or `extensions` entry,
       * a parameter or JSON key written twice): no cache may keep it, in a key or a URL. Asked only
       * of an answer that could be stored, since finding repeated keys reads the JSON text again.
       */
      carriesUnreadParts: () => boolean;
    }
  | { kind: 'malformed'; message: string };

/** The parameters of a GraphQL-over-HTTP request; the spec reserves every other name. */
const PARAMETERS: ReadonlySet<string> = new Set(['query', 'operationName', 'variables', 'extensions']);
/** What is read of `extensions.persistedQuery`. */
const PERSISTED_QUERY_FIELDS: ReadonlySet<string> = new Set(['version', 'sha256Hash']);

const MALFORMED_BODY = 'The body is not a JSON object of GraphQL parameters.';
const NOT_UTF8 = 'The body is not UTF-8 (RFC 8259 §8.1).';
const QUERY_STRING_NOT_UTF8 = 'The query string percent-encodes bytes that are not UTF-8 (RFC 3986 §2.5).';
const MALFORMED_PARAMETER = (name: string) => `The \`${name}\` parameter is not a JSON object.`;

/**
 * A parsed JSON text, and whether it wrote what the parsed value does not hold: a key written twice
 * in one object (JSON.parse keeps the last), or a number with more digits than a double keeps
 * (`1.00000000000000000019900102` is read as 1: a date can hide in the digits dropped).
 */
interface Json {
  value: unknown;
  unheldText: () => boolean;
}

/** More digits than any double needs to be written exactly (17 significant ones). */
const MAX_HELD_DIGITS = 17;

/** What a valid JSON text writes outside its strings: its object members (one `:` each), and whether a number has more than MAX_HELD_DIGITS digits. */
function writtenText(text: string): { members: number; longNumber: boolean } {
  let members = 0;
  let digits = 0;
  let longNumber = false;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const character = text[i]!;
    if (inString) {
      if (character === '\\') i++;
      else if (character === '"') inString = false;
    } else if (character >= '0' && character <= '9') longNumber ||= ++digits > MAX_HELD_DIGITS;
    else if (character !== '.' && character !== 'e' && character !== 'E' && character !== '+' && character !== '-') {
      digits = 0;
      if (character === '"') inString = true;
      else if (character === ':') members++;
    }
  }
  return { members, longNumber };
}

/** The object members a parsed value holds, walked without recursion (a body may nest deeper than the stack). */
function heldMembers(value: unknown): number {
  let members = 0;
  const pending = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === null || typeof next !== 'object') continue;
    const children = Object.values(next);
    if (!Array.isArray(next)) members += children.length;
    for (const child of children) pending.push(child);
  }
  return members;
}

function parseJson(text: string): Json | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return {
    value,
    unheldText: () => {
      const written = writtenText(text);
      return written.longNumber || written.members !== heldMembers(value);
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The parameters as sent, before their types are checked. */
interface RawParams {
  fields: Record<string, unknown>;
  /** A name the server does not read, or one written twice (only one of them is read). */
  unreadNames: () => boolean;
}

/** A GET's JSON-valued parameter: absent, an object, or malformed. */
function jsonParameter(search: URLSearchParams, name: string): { value: Record<string, unknown> | undefined; unheldText: () => boolean } | null {
  const text = search.get(name);
  if (text === null || text === '') return { value: undefined, unheldText: () => false };
  const parsed = parseJson(text);
  if (parsed === null || (parsed.value !== null && !isObject(parsed.value))) return null;
  return { value: (parsed.value as Record<string, unknown> | null) ?? undefined, unheldText: parsed.unheldText };
}

/** A hex digit's value, or -1. */
function hexValue(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/**
 * Whether the bytes a query string stands for are UTF-8, read as URLSearchParams reads them: the
 * string's own UTF-8, with each `%` and two hex digits as the byte they name (any other `%` stands
 * for itself). Only a percent-encoded byte of 0x80 or more can break it, so a string without one is
 * not decoded at all.
 */
function percentEncodesUtf8(text: string): boolean {
  if (!/%[89a-f]/i.test(text)) return true;
  const source = Buffer.from(text);
  const bytes = Buffer.allocUnsafe(source.length);
  let length = 0;
  for (let i = 0; i < source.length; i++) {
    const high = source[i] === 0x25 ? hexValue(source[i + 1]) : -1;
    const low = high === -1 ? -1 : hexValue(source[i + 2]);
    if (low === -1) bytes[length++] = source[i]!;
    else {
      bytes[length++] = high * 16 + low;
      i += 2;
    }
  }
  return isUtf8(bytes.subarray(0, length));
}

function queryStringParams(url: string): RawParams | string {
  const query = url.indexOf('?');
  const text = query === -1 ? '' : url.slice(query + 1);
  // Decoding would turn a byte that is not UTF-8 into U+FFFD, and the operation would run on altered input.
  if (!percentEncodesUtf8(text)) return QUERY_STRING_NOT_UTF8;
  const search = new URLSearchParams(text);
  const variables = jsonParameter(search, 'variables');
  if (variables === null) return MALFORMED_PARAMETER('variables');
  const extensions = jsonParameter(search, 'extensions');
  if (extensions === null) return MALFORMED_PARAMETER('extensions');
  const names = [...search.keys()];
  return {
    fields: { query: search.get('query') ?? undefined, operationName: search.get('operationName') ?? undefined, variables: variables.value, extensions: extensions.value },
    unreadNames: () => new Set(names).size !== names.length || names.some((name) => !PARAMETERS.has(name)) || variables.unheldText() || extensions.unheldText(),
  };
}

function bodyParams(body: Buffer | null): RawParams | string {
  // Decoding would turn a byte that is not UTF-8 into U+FFFD, and the operation would run on altered input.
  if (body !== null && !isUtf8(body)) return NOT_UTF8;
  const parsed = parseJson(body?.toString() ?? '');
  if (parsed === null || !isObject(parsed.value)) return MALFORMED_BODY;
  const fields = parsed.value;
  return { fields, unreadNames: () => Object.keys(fields).some((name) => !PARAMETERS.has(name)) || parsed.unheldText() };
}

/** A persisted id sent in a form this server does not read (no version, another one, an id that is not a string), and nothing else to run. */
const UNREADABLE_PERSISTED_QUERY = 'Send `extensions.persistedQuery` as `{ "version": 1, "sha256Hash": "<id>" }`: version 1 is the one this server reads.';

/** The id a version-1 `extensions.persistedQuery` names; null for anything else. */
function persistedIdOf(persistedQuery: unknown): string | null {
  return isObject(persistedQuery) && persistedQuery.version === 1 && typeof persistedQuery.sha256Hash === 'string' ? persistedQuery.sha256Hash : null;
}

/** Whether `extensions` holds more than the server reads of it: a version-1 persisted id and nothing beside it. */
function carriesUnreadExtensions({ persistedQuery, ...others }: Record<string, unknown>): boolean {
  if (Object.keys(others).length > 0) return true;
  if (persistedQuery == null) return false;
  return !isObject(persistedQuery) || persistedIdOf(persistedQuery) === null || Object.keys(persistedQuery).some((name) => !PERSISTED_QUERY_FIELDS.has(name));
}

/** Reads a GET's or a JSON POST's parameters. */
export function readParams(method: string, url: string, body: Buffer | null): ReadParams {
  const raw = method === 'POST' ? bodyParams(body) : queryStringParams(url);
  if (typeof raw === 'string') return { kind: 'malformed', message: raw };
  const { query, operationName, variables, extensions } = raw.fields;
  if (query != null && typeof query !== 'string') return { kind: 'malformed', message: 'The `query` parameter is not a string.' };
  if (operationName != null && typeof operationName !== 'string') return { kind: 'malformed', message: 'The `operationName` parameter is not a string.' };
  if (variables != null && !isObject(variables)) return { kind: 'malformed', message: MALFORMED_PARAMETER('variables') };
  if (extensions != null && !isObject(extensions)) return { kind: 'malformed', message: MALFORMED_PARAMETER('extensions') };
  const persistedId = persistedIdOf(extensions?.persistedQuery);
  // Without a document the request is not a well-formed GraphQL-over-HTTP one, whatever the client
  // accepts (the spec's example is `{"qeury": …}`). An empty `query` is a string, so a document:
  // one that does not parse.
  const document = persistedId !== null ? { query: query ?? null, persistedId } : query != null ? { query, persistedId } : null;
  if (document === null) return { kind: 'malformed', message: extensions?.persistedQuery == null ? 'The request has neither a `query` nor a persisted operation id.' : UNREADABLE_PERSISTED_QUERY };
  return {
    kind: 'params',
    params: { ...document, operationName: operationName || null, variables: variables ?? {} },
    carriesUnreadParts: () => raw.unreadNames() || (extensions != null && carriesUnreadExtensions(extensions)),
  };
}
