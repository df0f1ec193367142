import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from './http-message.ts';
import { nodeListener } from './node-adapter.ts';

function exchange(method: string, headers: Record<string, string | string[]> = { host: 'x' }) {
  const req = Object.assign(new EventEmitter(), { method, url: '/graphql', headers, socket: { remoteAddress: '127.0.0.1' }, pause() {} });
  const written: string[] = [];
  const res = {
    writeHead: (status: number, headers: Record<string, string | number>) => written.push(`head ${status} ${headers['content-length']}`),
    end: (body?: string) => written.push(`end ${body ?? '(none)'}`),
    destroy: () => written.push('destroy'),
  };
  return { req, res, written };
}

describe('nodeListener', () => {
  it('writes nothing while the turn runs, then every answer of the turn in order', async () => {
    const answers: HttpResponse[] = [
      { status: 200, headers: {}, body: 'first' },
      { status: 404, headers: {}, body: 'second' },
    ];
    let next = 0;
    const listen = nodeListener(async () => answers[next++]!, 1_000);
    const one = exchange('POST');
    const two = exchange('HEAD');
    for (const { req, res } of [one, two]) {
      listen(req as unknown as IncomingMessage, res as unknown as ServerResponse);
      req.emit('end');
    }
    // Both handlers have settled (microtasks), but the burst waits for the end of the turn.
    await Promise.resolve();
    await Promise.resolve();
    expect([one.written, two.written]).toEqual([[], []]);
    await nextTurn();
    expect(one.written).toEqual(['head 200 5', 'end first']);
    expect(two.written).toEqual(['head 404 6', 'end (none)']);
  });

  it('hands the handler every header as one string, a Set-Cookie list joined with ", "', async () => {
    let seen: Readonly<Record<string, string | undefined>> = {};
    const listen = nodeListener(async (request) => {
      seen = request.headers;
      return { status: 204, headers: {}, body: '' };
    }, 1_000);
    const { req, res } = exchange('POST', { accept: 'application/json', 'set-cookie': ['a=1', 'b=2'] });
    listen(req as unknown as IncomingMessage, res as unknown as ServerResponse);
    req.emit('end');
    await nextTurn();
    expect(seen).toEqual({ accept: 'application/json', 'set-cookie': 'a=1, b=2' });
  });
});
