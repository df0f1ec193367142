import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDatabasePath } from './support/app.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';

// What an error tells a client, from a real server process: where the problem is and what was
// expected, never the value sent (docs/deployment.md, "Personal data"), whichever step found it.

const databasePath = temporaryDatabasePath();
let server: ServerProcess;

beforeAll(async () => {
  server = await startServer({ DATABASE_PATH: databasePath, NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'info' });
}, 60_000);

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
});

interface AnsweredError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions: Record<string, unknown>;
}

async function post(body: unknown, accept = 'application/graphql-response+json') {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, text, errors: (JSON.parse(text) as { errors?: AnsweredError[] }).errors ?? [] };
}

/** The server's log lines written since `from` characters of its output. */
const logSince = (from: number) => server.stdout().slice(from);

describe('syntax errors', () => {
  it.each([
    ['a missing colon before a string', '{ certificateValidity(input: {birthDate "1997-01-16", issuedOn: "2020-05-15"}) { asOf } }', '1997-01-16', 'Syntax Error: Expected ":", found String.'],
    ['a string where an argument name belongs', '{ renewalWindow("1997-01-15") { opensOn } }', '1997-01-15', 'Syntax Error: Expected Name, found String.'],
    ['an unquoted date', '{ renewalWindow(expiresOn: 1996-12-14) { opensOn } }', '1996-12-14', 'Syntax Error: Expected Name, found Int.'],
    ['a float where a name belongs', '{ renewalWindow(1996.1214) { opensOn } }', '1996.1214', 'Syntax Error: Expected Name, found Float.'],
    ['a block string where a field belongs', '{ """1997-01-15""" }', '1997-01-15', 'Syntax Error: Expected Name, found BlockString.'],
    ['a number after the last definition', '{ notices { key } } 19970115', '19970115', 'Syntax Error: Unexpected Int.'],
    ['a bad Unicode escape', '{ renewalWindow(expiresOn: "\\u{19970115}") { opensOn } }', '19970115', 'Syntax Error: Invalid Unicode escape sequence.'],
    ['a bad character escape', '{ renewalWindow(expiresOn: "1997\\-01-15") { opensOn } }', '\\-', 'Syntax Error: Invalid character escape sequence.'],
  ])('%s: the token\'s kind and where it is, not its text', async (_label, query, value, message) => {
    const logged = server.stdout().length;
    const answer = await post({ query });
    expect(answer.status).toBe(400);
    expect(answer.errors.map((error) => [error.message, error.extensions.code])).toEqual([[message, 'GRAPHQL_PARSE_FAILED']]);
    expect(answer.errors[0]!.locations).toHaveLength(1);
    expect(answer.text).not.toContain(value);
    expect(logSince(logged)).not.toContain(value);
  });

  it('keeps a punctuator it quotes', async () => {
    const answer = await post({ query: '{ notices { key } ' });
    expect(answer.errors.map((error) => error.message)).toEqual(['Syntax Error: Expected Name, found <EOF>.']);
    const punctuator = await post({ query: '{ notices { key } ) }' });
    expect(punctuator.errors.map((error) => error.message)).toEqual(['Syntax Error: Expected Name, found ")".']);
  });
});
