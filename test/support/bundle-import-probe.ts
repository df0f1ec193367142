/**
 * A probe for process tests, loaded into the server with `--import` (which worker threads inherit):
 * prints one JSON line, as the server's log does, each time a thread imports GraphiQL's 9 MB bundle
 * module, naming the thread. Parsing it costs some 400 ms of CPU; on the event loop's thread that
 * is 400 ms every other request waits.
 */
import { writeSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { isMainThread } from 'node:worker_threads';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === '@graphql-yoga/render-graphiql/graphiql') {
      writeSync(1, `${JSON.stringify({ level: 'info', msg: 'test probe: GraphiQL bundle imported', thread: isMainThread ? 'event loop' : 'worker' })}\n`);
    }
    return nextResolve(specifier, context);
  },
});
