import type { HttpResponse } from './http-message.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The body of every error answered outside GraphQL execution: the same shape as GraphQL's own. */
export function errorBody(message: string, code: string, extensions: Record<string, unknown> = {}): string {
  return JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/** A JSON answer no cache keeps. */
export function jsonAnswer(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': JSON_TYPE, 'cache-control': 'no-store', ...headers }, body };
}

export function refusal(status: number, message: string, code: string, headers: Record<string, string> = {}): HttpResponse {
  return jsonAnswer(status, errorBody(message, code), headers);
}
