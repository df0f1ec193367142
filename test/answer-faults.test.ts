// A fault while an answer is written costs that answer alone: through a real process, with a
// header Node refuses injected into one answer among concurrent ones.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryDatabasePath } from './support/app.ts';
import { serverForTests } from './support/file-server.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';
import { exchange, logLines } from './support/sockets.ts';

const REFUSE_HEADER = fileURLToPath(new URL('./support/faults/refuse-header.ts', import.meta.url));
const FAIL_ANSWER_FORMAT = fileURLToPath(new URL('./support/faults/fail-answer-format.ts', import.meta.url));
const QUERY = JSON.stringify({ query: '{ offices { totalCount } }' });
/** How the answer to QUERY begins; its `extensions` (cost, schema version) follow. */
const ANSWER = '{"data":{"offices":{"totalCount":11}}';
/** An answer's text up to its data, so answers compare whatever their extensions say. */
const upToData = (text: string) => (text.startsWith(ANSWER) ? ANSWER : text);

describe('an answer whose header Node refuses', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServer({ DATABASE_PATH: temporaryDatabasePath(), RATE_LIMIT_PER_MINUTE: '0' }, { nodeFlags: ['--import', REFUSE_HEADER] });
  }, 30_000);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
  });

  it('is answered 500 INTERNAL_SERVER_ERROR with its request id, logged with it, and no other answer is lost', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => exchange(server.url, { method: 'POST', body: QUERY, headers: i === 4 ? { 'x-test-fault': 'header' } : {} }).outcome),
    );
    const texts = outcomes.map((outcome) => ('error' in outcome ? outcome.error : `${outcome.status} ${upToData(outcome.text)}`));
    expect(texts.filter((_, i) => i !== 4)).toEqual(Array(9).fill(`200 ${ANSWER}`));
    const failed = outcomes[4] as { status: number; text: string };
    expect(failed.status).toBe(500);
    const error = (JSON.parse(failed.text) as { errors: { extensions: { code: string; requestId: string } }[] }).errors[0]!;
    expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const logged = logLines(server.stdout()).filter((line) => line.msg === 'unexpected error');
    expect(logged).toEqual([expect.objectContaining({ level: 'error', requestId: error.extensions.requestId, errorClass: 'TypeError' })]);
    expect(JSON.stringify(logged)).not.toContain('a\\r\\nb');
    // Still the same process, still serving, nothing uncaught.
    expect(server.child.exitCode).toBeNull();
    expect(await exchange(server.url, { method: 'POST', body: QUERY }).outcome).toMatchObject({ status: 200, text: expect.stringContaining(ANSWER) });
    expect(logLines(server.stdout()).filter((line) => line.msg === 'listening')).toHaveLength(1);
    expect(server.stderr()).toBe('');
  });
});

describe('an answer that fails after the engine has read its operation', () => {
  const server = serverForTests({ RATE_LIMIT_PER_MINUTE: '0' }, { nodeFlags: ['--import', FAIL_ANSWER_FORMAT] });

  // A code review (2026-12-06): the request's record counted as naming no personal data until its
  // answer said so, and a failure between the two logged the operation's name, the client's text.
  it('is answered 500, and its log line leaves out the operation name, which may hold a birth date', async () => {
    const body = JSON.stringify({ query: 'query Taro19900101 { __typename }' });
    const failed = await exchange(server.url, { method: 'POST', body, headers: { 'x-test-fault': 'format' } }).outcome;
    expect(failed).toMatchObject({ status: 500 });
    const answered = await exchange(server.url, { method: 'POST', body: JSON.stringify({ query: 'query KioskStatus { __typename }' }) }).outcome;
    expect(answered).toMatchObject({ status: 200 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = logLines(server.stdout()).filter((line) => line.path === '/graphql');
    expect(lines.map((line) => [line.status, line.operationName])).toEqual([
      [500, null],
      [200, 'KioskStatus'],
    ]);
    expect(server.stdout()).not.toContain('19900101');
  });
});
