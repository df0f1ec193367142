import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { answeredError, ErrorCode, REQUEST_REFUSED, serviceUnavailableError } from '../errors.ts';

/**
 * The extensions a client may see. Anything else a library attaches (Yoga's `originalError`,
 * which quotes the request body; a stack) is dropped: an allow-list fails closed.
 */
const PUBLIC_EXTENSIONS = new Set(['code', 'http', 'field', 'argument', 'limit', 'cost', 'retryAfter']);

function publicExtensions(extensions: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(extensions).filter(([name]) => PUBLIC_EXTENSIONS.has(name)));
}

/** A fault of the service's storage rather than of the code: answered 503, retryable. */
export interface ServiceFault {
  matches: (error: unknown) => boolean;
  /** Told of each one, so the storage stops serving until it has recovered. */
  report: () => void;
  retryAfterSeconds: number;
}

/**
 * Yoga's `maskError`: every error leaves with a code and public extensions only. Errors graphql-js
 * raises while coercing arguments and variables, and Pothos' argument checks, are the client's:
 * BAD_USER_INPUT, and a 400 when they stop the whole request. A storage fault is
 * SERVICE_UNAVAILABLE (503). Anything else unexpected becomes INTERNAL_SERVER_ERROR with the
 * generic message; the original stays on `originalError` (never serialised) so the executor can
 * log it with the request's id.
 */
export function createMaskError(serviceFault: ServiceFault) {
  return (error: unknown, message: string): Error => {
    if (serviceFault.matches(unwrap(error))) {
      serviceFault.report();
      return serviceUnavailableError(serviceFault.retryAfterSeconds, error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {});
    }
    return maskError(error, message);
  };
}

/**
 * This API's own refusal of a field (answeredError), located at its path by the executor: its code
 * and public extensions are already what the client sees, so it is answered as it is, not copied.
 */
function isLocatedAnsweredError(error: unknown): error is GraphQLError {
  return (
    error instanceof GraphQLError &&
    error.path !== undefined &&
    error.originalError instanceof GraphQLError &&
    error.extensions === error.originalError.extensions &&
    typeof error.extensions.code === 'string' &&
    Object.keys(error.extensions).every((name) => PUBLIC_EXTENSIONS.has(name))
  );
}

function maskError(error: unknown, message: string): Error {
  if (isLocatedAnsweredError(error)) return error;
  const masked = classify(error, message);
  return answeredError(masked.message, {
    nodes: masked.nodes,
    path: masked.path,
    originalError: masked.extensions.code === ErrorCode.INTERNAL_SERVER_ERROR ? unwrap(error) : undefined,
    extensions: publicExtensions(masked.extensions),
  });
}

function unwrap(error: unknown): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  return original instanceof Error ? original : new Error(String(original));
}

/** What the client is told of an error, before its extensions are filtered. */
interface Masked {
  message: string;
  nodes?: GraphQLError['nodes'];
  path?: GraphQLError['path'];
  extensions: Readonly<Record<string, unknown>>;
}

function classify(error: unknown, message: string): Masked {
  const internal = { code: ErrorCode.INTERNAL_SERVER_ERROR };
  if (!(error instanceof GraphQLError)) return { message, extensions: internal };
  const original = error.originalError;
  if (original === undefined || original === error) {
    // An error graphql-js raises at a field on its own (a non-null field resolved to null) is ours.
    if (error.path !== undefined) return { message, nodes: error.nodes, path: error.path, extensions: internal };
    // Parse, validation and request errors refuse the whole request. Yoga and graphql-armor code
    // most of them, with the status the GraphQL-over-HTTP spec gives; the rest (a mutation
    // against this query-only schema) are BAD_REQUEST.
    if (error.extensions.code) return { message: error.message, nodes: error.nodes, extensions: error.extensions };
    return { message: error.message, nodes: error.nodes, extensions: { ...error.extensions, code: ErrorCode.BAD_REQUEST, http: error.extensions.http ?? REQUEST_REFUSED } };
  }
  const location = { nodes: error.nodes, path: error.path };
  if (original instanceof GraphQLError || original instanceof PothosValidationError) {
    const extensions = original instanceof GraphQLError ? original.extensions : {};
    const requestError = error.path === undefined ? { http: REQUEST_REFUSED } : {};
    return { message: error.message, ...location, extensions: { ...extensions, code: extensions.code ?? ErrorCode.BAD_USER_INPUT, ...requestError } };
  }
  return { message, ...location, extensions: internal };
}
