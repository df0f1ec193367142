/**
 * A fault for process tests, loaded into the server with `--import` (which worker threads
 * inherit): importing GraphiQL's bundle module fails in every worker thread, as it would with a
 * broken install or a worker out of memory, and each attempt prints one JSON line, as the server's
 * log does, so a test counts the workers started. The event loop's thread imports it as usual.
 */
import { writeSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { isMainThread } from 'node:worker_threads';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (!isMainThread && specifier === '@graphql-yoga/render-graphiql/graphiql') {
      writeSync(1, `${JSON.stringify({ level: 'info', msg: 'test fault: GraphiQL bundle import failed' })}\n`);
      throw new Error('test fault: GraphiQL bundle import failed');
    }
    return nextResolve(specifier, context);
  },
});
