/**
 * A fault for process tests, loaded into the server with `--import`: the answer to a request
 * carrying `x-test-fault: header` is given, once, a header value Node refuses (a line break), so
 * Node's own validation throws inside the server's write, as it would for any bad header.
 */
import { ServerResponse } from 'node:http';

const faulted = new WeakSet<ServerResponse>();
const writeHead = ServerResponse.prototype.writeHead;

ServerResponse.prototype.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
  if (this.req?.headers['x-test-fault'] === 'header' && !faulted.has(this)) {
    faulted.add(this);
    const headers = typeof rest.at(-1) === 'object' ? (rest.at(-1) as Record<string, unknown>) : {};
    return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, { ...headers, 'x-broken': 'a\r\nb' });
  }
  return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
} as typeof writeHead;
