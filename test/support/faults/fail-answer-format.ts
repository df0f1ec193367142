/**
 * A fault for process tests, loaded into the server with `--import`: the GraphQL answer to a
 * request carrying `x-test-fault: format` cannot be written out (the JSON.stringify of its body
 * throws), once, so the engine fails after it has read the operation and before its answer says
 * whether the operation names personal data.
 */
import { Server, type IncomingMessage } from 'node:http';

let failNextAnswer = false;
const emit = Server.prototype.emit;
const stringify = JSON.stringify;

Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
  if (event === 'request' && (args[0] as IncomingMessage).headers['x-test-fault'] === 'format') failNextAnswer = true;
  return emit.call(this, event, ...args);
} as typeof emit;

JSON.stringify = function (value: unknown, ...rest: unknown[]) {
  const isAnswer = typeof value === 'object' && value !== null && 'extensions' in value && ('data' in value || 'errors' in value);
  if (failNextAnswer && isAnswer) {
    failNextAnswer = false;
    throw new TypeError('test fault: the answer cannot be written out');
  }
  return (stringify as (...args: unknown[]) => string).call(JSON, value, ...rest);
} as typeof JSON.stringify;
