import type { ExecutionResult, GraphQLError } from 'graphql';

/** What a refusal or a fault asks of the HTTP answer, carried on an error's `extensions.http`. */
interface HttpHint {
  status?: number;
  /** Set on request errors: a legacy `application/json` client gets 200 for them, as the GraphQL-over-HTTP spec asks. */
  spec?: boolean;
  headers?: Record<string, string>;
}

export interface FormattedAnswer {
  status: number;
  /** Headers the errors ask for (`retry-after` of a 503). */
  headers: Record<string, string>;
  /** The JSON text: written as it is, without a copy into bytes, unless a cache keeps it. */
  body: string;
  /** `extensions.code` of each error, in order. */
  errorCodes: string[];
  /** What went wrong behind each INTERNAL_SERVER_ERROR, for the log (never the answer). */
  faults: unknown[];
}

export interface FormatOptions {
  /** The client accepts only `application/json` (the spec's legacy media type). */
  legacyJson: boolean;
  /** Turns any error into the one a client may see (mask-error.ts). */
  mask: (error: GraphQLError) => GraphQLError;
  /** The answer's own `extensions` (cost, schema version). */
  extensions: Readonly<Record<string, unknown>>;
  /** Given to a client with each INTERNAL_SERVER_ERROR, to quote when it reports the fault. */
  requestId: string;
}

function hintOf(error: GraphQLError): HttpHint | undefined {
  return error.extensions.http as HttpHint | undefined;
}

/** An error as a client receives it: its public extensions, without the HTTP hint. */
function serialisable(error: GraphQLError, original: GraphQLError, requestId: string) {
  const { http: _http, ...extensions } = error.extensions;
  if (extensions.code === INTERNAL) extensions.requestId = requestId;
  // Where the error is in the document is kept from the error as raised: graphql-jit's errors carry
  // their locations without the syntax nodes masking rebuilds them from.
  return { message: error.message, locations: error.locations ?? original.locations, path: error.path, extensions };
}

const INTERNAL = 'INTERNAL_SERVER_ERROR';

/**
 * The one way an answer leaves the engine, whatever produced it (a refusal before execution, the
 * interpreter or a compiled operation): every error masked the same way, the status the GraphQL-
 * over-HTTP spec gives (the highest an error asks for; 200 for a legacy client's request errors;
 * 500 only for a fault of ours with no data), and the same bytes for the same result.
 */
export function formatAnswer(result: ExecutionResult, options: FormatOptions): FormattedAnswer {
  const raised = result.errors ?? [];
  const errors = raised.map(options.mask);
  const headers: Record<string, string> = {};
  let status: number | undefined;
  let unexpected = false;
  for (const error of errors) {
    const hint = hintOf(error);
    if (hint === undefined) {
      unexpected ||= error.extensions.code === INTERNAL;
      continue;
    }
    Object.assign(headers, hint.headers);
    if (options.legacyJson && hint.spec) continue;
    if (hint.status !== undefined && (status === undefined || hint.status > status)) status = hint.status;
  }
  status ??= unexpected && !('data' in result) ? 500 : 200;
  const body: Record<string, unknown> = {};
  if (errors.length > 0) body.errors = errors.map((error, i) => serialisable(error, raised[i]!, options.requestId));
  if ('data' in result) body.data = result.data;
  body.extensions = options.extensions;
  return {
    status,
    headers,
    body: JSON.stringify(body),
    errorCodes: errors.map((error) => String(error.extensions.code)),
    faults: errors.filter((error) => error.extensions.code === INTERNAL).map((error) => error.originalError ?? error),
  };
}
