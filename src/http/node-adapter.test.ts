import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../observability/logger.ts';
import type { HttpRequest, HttpResponse } from './http-message.ts';
import { nodeHandlers } from './node-adapter.ts';

/** A request and a response as Node hands them over, recording what is written; `refuse` makes writeHead throw as Node does for a bad header. */
function exchange(method: string, headers: Record<string, string | string[]> = { host: 'x' }, refuse = 0) {
  // `complete`: Node has read the whole request; false while its body is still arriving.
  const rawHeaders = Object.entries(headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).flatMap((line) => [name, line]));
  const req = Object.assign(new EventEmitter(), { method, url: '/graphql', httpVersionMajor: 1, httpVersionMinor: 1, headers, rawHeaders, socket: { remoteAddress: '127.0.0.1' }, complete: true, resume: () => written.push('resume') });
  const written: string[] = [];
  let headersSent = false;
  let refusals = refuse;
  const res = {
    get headersSent() {
      return headersSent;
    },
    getHeaderNames: () => [],
    removeHeader: () => {},
    writeHead: (status: number, headers: Record<string, string | number>) => {
      if (refusals-- > 0) throw Object.assign(new TypeError('Invalid character in header content ["x-broken"]'), { code: 'ERR_INVALID_CHAR' });
      headersSent = true;
      written.push(`head ${status} ${headers['content-length']}${headers.connection ? ` ${headers.connection}` : ''}`);
    },
    writeContinue: () => written.push('continue'),
    write: (body: string) => written.push(`write ${body}`),
    end: (body?: string) => written.push(`end ${body ?? '(none)'}`),
    destroy: () => written.push('destroy'),
  };
  return { req, res, written };
}

function listener(handle: (request: HttpRequest) => Promise<HttpResponse>, keepAlive = () => true) {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
  const { request, checkContinue } = nodeHandlers(handle, { maxBodyBytes: 1_000, logger, keepAlive, answersBeforeRefusalMs: 1_000, refusalBeforeBody: () => null });
  const run = (listen: typeof request, { req, res }: ReturnType<typeof exchange>) => listen(req as unknown as IncomingMessage, res as unknown as ServerResponse);
  return { request: (e: ReturnType<typeof exchange>) => run(request, e), checkContinue: (e: ReturnType<typeof exchange>) => run(checkContinue, e), lines };
}

/** Lets the handler's promise and the adapter's continuation run. */
const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('nodeHandlers', () => {
  it('writes each answer as soon as the handler has made it, without waiting for the others', async () => {
    let release: (response: HttpResponse) => void = () => {};
    const slow = new Promise<HttpResponse>((resolve) => (release = resolve));
    const answers = [slow, Promise.resolve({ status: 404, headers: {}, body: 'second' })];
    let next = 0;
    const { request } = listener(() => answers[next++]!);
    const one = exchange('POST');
    const two = exchange('HEAD');
    for (const e of [one, two]) {
      request(e);
      e.req.emit('end');
    }
    // Microtasks only: the second answer is out before the first exists.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect([one.written, two.written]).toEqual([[], ['head 404 6', 'end (none)']]);
    release({ status: 200, headers: {}, body: 'first' });
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(one.written).toEqual(['head 200 5', 'end first']);
  });

  it('closes the connection with each answer while the process drains', async () => {
    const { request } = listener(async () => ({ status: 200, headers: {}, body: 'ok' }), () => false);
    const e = exchange('GET');
    request(e);
    e.req.emit('end');
    await settled();
    expect(e.written).toEqual(['head 200 2 close', 'end ok']);
  });

  it('hands the handler every header as one string, a Set-Cookie list joined with ", "', async () => {
    let seen: Readonly<Record<string, string | undefined>> = {};
    const { request } = listener(async (req) => {
      seen = req.headers;
      return { status: 204, headers: {}, body: '' };
    });
    const e = exchange('POST', { accept: 'application/json', 'set-cookie': ['a=1', 'b=2'] });
    request(e);
    e.req.emit('end');
    await settled();
    expect(seen).toEqual({ accept: 'application/json', 'set-cookie': 'a=1, b=2' });
  });

  it('answers a handler that rejects 500 INTERNAL_SERVER_ERROR with a request id, logged under it', async () => {
    const { request, lines } = listener(() => Promise.reject(new RangeError('broken')));
    const e = exchange('POST');
    request(e);
    e.req.emit('end');
    await settled();
    const [head, end] = e.written;
    expect(head).toMatch(/^head 500 \d+ close$/);
    const requestId = (JSON.parse(end!.slice(4)) as { errors: { extensions: { requestId: string } }[] }).errors[0]!.extensions.requestId;
    expect(JSON.parse(end!.slice(4))).toEqual({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
    expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ level: 'error', msg: 'unexpected error', requestId, errorClass: 'RangeError' })]);
  });

  it('answers a header Node refuses 500 under the answer’s own request id; the next answer is untouched', async () => {
    const { request, lines } = listener(async () => ({ status: 200, headers: { 'x-request-id': 'id-1' }, body: 'fine' }));
    const refused = exchange('POST', { host: 'x' }, 1);
    const next = exchange('POST');
    for (const e of [refused, next]) {
      request(e);
      e.req.emit('end');
    }
    await settled();
    expect(refused.written[0]).toMatch(/^head 500 \d+ close$/);
    expect(JSON.parse(refused.written[1]!.slice(4))).toMatchObject({ errors: [{ extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'id-1' } }] });
    expect(next.written).toEqual(['head 200 4', 'end fine']);
    expect(lines.map((line) => JSON.parse(line))).toEqual([expect.objectContaining({ requestId: 'id-1', errorClass: 'TypeError' })]);
  });

  it('closes the connection when even the 500 cannot be written', async () => {
    const { request } = listener(async () => ({ status: 200, headers: {}, body: 'fine' }));
    const e = exchange('POST', { host: 'x' }, 2);
    request(e);
    e.req.emit('end');
    await settled();
    expect(e.written).toEqual(['destroy']);
  });

  /** A handler that answers the refusal the adapter hands it, as the routes do. */
  function refusalAnswerer() {
    const seen: HttpRequest[] = [];
    const handle = async (request: HttpRequest) => {
      seen.push(request);
      return { status: request.refusal?.status ?? 200, headers: {}, body: 'refused' };
    };
    return { seen, handle };
  }

  it('hands a declared body over the limit to the handler as a 413 refusal, unread, finishing the answer only once the body is read and thrown away', async () => {
    const { seen, handle } = refusalAnswerer();
    const { request } = listener(handle);
    const e = exchange('POST', { host: 'x', 'content-length': '1001' });
    e.req.complete = false;
    request(e);
    await settled();
    expect(seen).toEqual([expect.objectContaining({ body: null, refusal: { status: 413, message: 'The request is larger than 1000 bytes.', code: 'PAYLOAD_TOO_LARGE' } })]);
    expect(e.written).toEqual(['head 413 7', 'write refused', 'resume']);
    e.req.emit('end');
    expect(e.written.at(-1)).toBe('end (none)');
  });

  it('refuses Expect: 100-continue with a declared body over the limit 413 before any 100 Continue, closing the connection', async () => {
    const { seen, handle } = refusalAnswerer();
    const { checkContinue } = listener(handle);
    const e = exchange('POST', { host: 'x', 'content-length': '50000000', expect: '100-continue' });
    e.req.complete = false;
    checkContinue(e);
    await settled();
    expect(seen.map((request) => request.refusal?.code)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(e.written).toEqual(['head 413 7 close', 'end refused']);
  });

  it('sends 100 Continue for a declared body within the limit, then hands it over', async () => {
    let body = '';
    const { checkContinue } = listener(async (req) => {
      body = req.body!.toString();
      return { status: 200, headers: {}, body: 'ok' };
    });
    const e = exchange('POST', { host: 'x', 'content-length': '2', expect: '100-continue' });
    checkContinue(e);
    e.req.emit('data', Buffer.from('{}'));
    e.req.emit('end');
    await settled();
    expect(e.written).toEqual(['continue', 'head 200 2', 'end ok']);
    expect(body).toBe('{}');
  });
});
