import type { HttpResponse } from './http-message.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The body of an answer refused at the HTTP level, before any GraphQL request was read (a method,
 * a media type, a size, a rate limit, a missing route): the shape of a GraphQL error, so a client
 * reads every refusal the same way, with `answerExtensions`, the `extensions` every answer carries
 * (the engine's `refusalExtensions`: no cost was measured). Answers to GraphQL requests leave
 * through the engine's formatter (src/graphql/execution/answer-format.ts).
 */
export function errorBody(message: string, code: string, extensions: Record<string, unknown> = {}, answerExtensions?: object): string {
  return JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }], extensions: answerExtensions });
}

/** A JSON answer no cache keeps. */
export function jsonAnswer(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-store', ...headers }, body };
}

/** An HTTP-level refusal: its status, a coded error body with the answer's `extensions`, and the headers it needs (`allow`, `retry-after`). */
export function httpRefusal(status: number, message: string, code: string, answerExtensions: object, headers: Record<string, string> = {}): HttpResponse {
  return jsonAnswer(status, errorBody(message, code, {}, answerExtensions), headers);
}
