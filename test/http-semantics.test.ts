import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDatabasePath } from './support/app.ts';
import { STARTUP_LIMIT_MS } from './support/readiness.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';

// What HTTP (RFC 9110, RFC 9112) and GraphQL over HTTP ask of the front, against a real server process.

let server: ServerProcess;

beforeAll(async () => {
  server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'silent' });
}, STARTUP_LIMIT_MS);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
});

const graphqlUrl = () => new URL('/graphql', server.url).href;

function post(headers: Record<string, string>) {
  return fetch(graphqlUrl(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ __typename }' }) });
}

describe('Accept with a charset', () => {
  it.each([
    // GraphQL over HTTP §"Accept": the Accept header it RECOMMENDS a client set.
    ['application/graphql-response+json; charset=utf-8, application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8'],
    // A charset parameter's value is case-insensitive (RFC 9110 §8.3.2).
    ['application/json;charset=UTF-8', 'application/json; charset=utf-8'],
    ['application/graphql-response+json; charset="utf-8"', 'application/graphql-response+json; charset=utf-8'],
  ])('answers Accept %s with %s', async (accept, contentType) => {
    const response = await post({ accept });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(contentType);
    expect(await response.json()).toMatchObject({ data: { __typename: 'Query' } });
  });

  it('refuses with 406 an Accept whose only JSON entry names a charset other than utf-8', async () => {
    const response = await post({ accept: 'application/json; charset=iso-8859-1' });
    expect(response.status).toBe(406);
  });
});
