import { GraphQLError, type GraphQLErrorOptions } from 'graphql';

/** Every `extensions.code` this API emits; partners branch on these strings. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  DEPTH_LIMIT_EXCEEDED: 'DEPTH_LIMIT_EXCEEDED',
  ALIAS_LIMIT_EXCEEDED: 'ALIAS_LIMIT_EXCEEDED',
  DIRECTIVE_LIMIT_EXCEEDED: 'DIRECTIVE_LIMIT_EXCEEDED',
  TOKEN_LIMIT_EXCEEDED: 'TOKEN_LIMIT_EXCEEDED',
  OPERATION_LIMIT_EXCEEDED: 'OPERATION_LIMIT_EXCEEDED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  PERSISTED_QUERY_ONLY: 'PERSISTED_QUERY_ONLY',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  RATE_LIMITED: 'RATE_LIMITED',
  CSRF_HEADER_REQUIRED: 'CSRF_HEADER_REQUIRED',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  NOT_ACCEPTABLE: 'NOT_ACCEPTABLE',
  REQUEST_HEADER_TOO_LARGE: 'REQUEST_HEADER_TOO_LARGE',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  EXPECTATION_FAILED: 'EXPECTATION_FAILED',
  BAD_REQUEST: 'BAD_REQUEST',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Status of a request refused before execution: 400 for graphql-response+json clients, while
 * `spec: true` lets Yoga answer legacy application/json clients with 200, as the spec asks.
 */
export const REQUEST_REFUSED = { status: 400, spec: true } as const;

/** What a client is told while the database file is missing or unreadable, however the request met it. */
export const SERVICE_UNAVAILABLE_MESSAGE = 'The data is temporarily unavailable; retry later.';

/** The database file is missing or unreadable: 503, and the client may retry after `retryAfterSeconds`. */
export function serviceUnavailableError(retryAfterSeconds: number, location: Pick<GraphQLErrorOptions, 'nodes' | 'path'> = {}): GraphQLError {
  return new GraphQLError(SERVICE_UNAVAILABLE_MESSAGE, {
    ...location,
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, http: { status: 503, headers: { 'retry-after': String(retryAfterSeconds) } } },
  });
}

/** An error that refuses the whole request before execution: 400, or 200 for a legacy `application/json` client. */
export function refusedRequestError(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}, nodes?: GraphQLErrorOptions['nodes']): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { code, ...extensions, http: REQUEST_REFUSED } });
}

/**
 * An error made only to be answered, without a stack: a client's error, or the masked copy of any
 * error, is never logged with one (a fault's own error keeps its stack, for the log). Capturing a
 * stack (async frames included) and formatting it when the executor wraps the error at its path
 * cost several µs an error, which a batch of 1,000 failing inputs pays 1,000 times over.
 */
export function answeredError(message: string, options: GraphQLErrorOptions): GraphQLError {
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(message, options);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/** The client's rate-limit budget does not cover the operation's cost: 429, for every client, and when to try again. */
export function rateLimitedError(message: string, retryAfterSeconds: number): GraphQLError {
  const retryAfter = String(retryAfterSeconds);
  return answeredError(message, { extensions: { code: ErrorCode.RATE_LIMITED, retryAfter: retryAfterSeconds, http: { status: 429, headers: { 'retry-after': retryAfter } } } });
}

export function userInputError(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return answeredError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...extensions } });
}

export function notFoundError(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return answeredError(message, { extensions: { code: ErrorCode.NOT_FOUND, ...extensions } });
}
