import { ErrorCode } from '../graphql/errors.ts';
import { refusal } from './json-answers.ts';
import { isRead, type HttpRequest, type HttpResponse } from './http-message.ts';
import { mediaType } from './graphql-params.ts';

/** Headers a browser cannot send cross-site without a CORS preflight; one of them on a GET proves it is not CSRF. */
const CSRF_HEADERS = ['x-graphql-csrf', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-api-key'];

function isJson(contentType: string | undefined): boolean {
  const type = contentType === undefined ? undefined : mediaType(contentType);
  return type === 'application/json' || type === 'application/graphql-response+json';
}

/**
 * The checks a GraphQL request passes before anything reads its parameters: CSRF safety, an
 * acceptable response type (`contentType`, negotiated by the caller; null when none is), and the
 * size limit (`maxBodyBytes`). Returns the refusal, or null to go on.
 */
export function admit(request: HttpRequest, maxBodyBytes: number, contentType: string | null): HttpResponse | null {
  // Only JSON bodies: a browser cannot send one cross-site without a CORS preflight, which is
  // what makes POST safe from CSRF; form and text bodies are refused outright.
  if (request.method === 'POST' && !isJson(request.headers['content-type'])) {
    return refusal(415, 'Send the body as JSON with `content-type: application/json`.', ErrorCode.UNSUPPORTED_MEDIA_TYPE);
  }
  const read = isRead(request.method);
  if (read && !CSRF_HEADERS.some((header) => request.headers[header])) {
    return refusal(403, 'A GET needs the header `x-graphql-csrf: 1` (or `x-api-key`); or POST the request as JSON.', ErrorCode.CSRF_HEADER_REQUIRED);
  }
  if (contentType === null) {
    return refusal(406, 'Accept `application/graphql-response+json` or `application/json`.', ErrorCode.NOT_ACCEPTABLE);
  }
  const payload = read ? request.url : request.body;
  if (payload !== null && payload.length > maxBodyBytes) {
    return refusal(read ? 414 : 413, `The request is larger than ${maxBodyBytes} bytes.`, ErrorCode.PAYLOAD_TOO_LARGE);
  }
  return null;
}
