/**
 * A fault for process tests, loaded into the server with `--import`: a request carrying
 * `x-test-delay-ms: N` reaches the server's handler N ms late, so its answer is still pending that
 * long, as a slow operation's would be.
 */
import { Server, type IncomingMessage } from 'node:http';

const emit = Server.prototype.emit;

Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
  const delay = event === 'request' ? Number((args[0] as IncomingMessage).headers['x-test-delay-ms'] ?? 0) : 0;
  if (delay > 0) {
    setTimeout(() => emit.call(this, event, ...args), delay);
    return true;
  }
  return emit.call(this, event, ...args);
} as typeof emit;
