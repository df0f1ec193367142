import { ErrorCode } from '../graphql/errors.ts';
import type { FrontOptions } from './front-options.ts';
import { isRead, oversizedNegotiatedHeader, pathOf, type EarlyRefusal, type HttpRequest, type HttpResponse } from './http-message.ts';
import { httpRefusal } from './json-answers.ts';
import { JSON_TYPES, mediaType, negotiatedContentType, negotiateResponseType, type ResponseType } from './media-types.ts';

/** The methods /graphql answers; OPTIONS is the CORS preflight, answered by the routes. */
export const GRAPHQL_METHODS = 'GET, HEAD, POST, OPTIONS';

/**
 * Headers a browser cannot send cross-site without a CORS preflight; one of them on a GET proves it
 * is not CSRF. The preflight allows each of them (cors.ts).
 */
export const CSRF_HEADERS = ['x-graphql-csrf', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-api-key'];

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && (JSON_TYPES as readonly string[]).includes(mediaType(contentType));
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/** JSON is read as UTF-8 (RFC 8259 §8.1): a body declared in another charset would be misread. */
function declaresOtherCharset(contentType: string): boolean {
  const charset = CHARSET.exec(contentType)?.[1]?.toLowerCase();
  return charset !== undefined && charset !== 'utf-8' && charset !== 'utf8';
}

/** A body compressed or otherwise encoded (RFC 9110 §8.4), which is read only as it is. */
function isEncoded(contentEncoding: string | undefined): boolean {
  return contentEncoding !== undefined && contentEncoding.trim().toLowerCase() !== 'identity';
}

export interface Refusal {
  response: HttpResponse;
  code: ErrorCode;
}

/**
 * What admission refuses in a request: CSRF safety, an acceptable response type (`responseType`,
 * negotiated by the caller; null when none is), and the size limit (of a body not read yet, none).
 */
function admissionFault(request: HttpRequest, maxBodyBytes: number, responseType: ResponseType | null): (EarlyRefusal & { code: ErrorCode }) | null {
  // Only JSON bodies: a browser cannot send one cross-site without a CORS preflight, which is
  // what makes POST safe from CSRF; form and text bodies are refused outright.
  if (request.method === 'POST' && !isJson(request.headers['content-type'])) {
    return { status: 415, message: 'Send the body as JSON with `content-type: application/json`.', code: ErrorCode.UNSUPPORTED_MEDIA_TYPE };
  }
  if (request.method === 'POST' && (declaresOtherCharset(request.headers['content-type']!) || isEncoded(request.headers['content-encoding']))) {
    return { status: 415, message: 'Send the body as JSON in UTF-8, not compressed (no `Content-Encoding`).', code: ErrorCode.UNSUPPORTED_MEDIA_TYPE };
  }
  const read = isRead(request.method);
  if (read && !CSRF_HEADERS.some((header) => request.headers[header])) {
    return { status: 403, message: 'A GET needs the header `x-graphql-csrf: 1` (or `x-api-key`); or POST the request as JSON.', code: ErrorCode.CSRF_HEADER_REQUIRED };
  }
  if (responseType === null) {
    return { status: 406, message: 'Accept `application/graphql-response+json` or `application/json`.', code: ErrorCode.NOT_ACCEPTABLE };
  }
  const payload = read ? request.url : request.body;
  if (payload !== null && payload.length > maxBodyBytes) {
    return { status: read ? 414 : 413, message: `The request is larger than ${maxBodyBytes} bytes.`, code: ErrorCode.PAYLOAD_TOO_LARGE };
  }
  return null;
}

/**
 * The checks a GraphQL request passes before anything reads its parameters (admissionFault).
 * Returns the refusal, with `answerExtensions` in its body, or null to go on.
 */
export function admit(request: HttpRequest, maxBodyBytes: number, responseType: ResponseType | null, answerExtensions: object): Refusal | null {
  const fault = admissionFault(request, maxBodyBytes, responseType);
  if (fault === null) return null;
  return { response: httpRefusal(fault.status, fault.message, fault.code, answerExtensions, negotiatedContentType(responseType)), code: fault.code };
}

/**
 * The refusal admission gives a POST to /graphql on its head alone (Content-Type, Content-Encoding,
 * Accept): asked before `100 Continue`, so no client is told to send a body the server has already
 * decided to refuse (RFC 9110 §10.1.1). Null when the head passes, and when an `Accept` or
 * `Accept-Encoding` is over its limit: the routes refuse that (431) before admission, unparsed.
 */
export function refusalBeforeBody(request: HttpRequest, options: Pick<FrontOptions, 'maxBodyBytes' | 'maxAcceptHeaderBytes'>): EarlyRefusal | null {
  if (request.method !== 'POST' || pathOf(request.url) !== '/graphql') return null;
  if (oversizedNegotiatedHeader(request.headers, options.maxAcceptHeaderBytes) !== null) return null;
  return admissionFault(request, options.maxBodyBytes, negotiateResponseType(request.headers.accept, false));
}
