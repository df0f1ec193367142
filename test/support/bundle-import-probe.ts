/**
 * A probe for process tests, loaded into the server with `--import`: prints one JSON line, as the
 * server's log does, each time GraphiQL's 9 MB bundle module is resolved (the server reads its
 * file) and each time it is loaded to be run (an import: V8 parsing it and holding its strings,
 * some 400 ms of CPU and 80 MB), naming the thread.
 */
import { writeSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const BUNDLE_FILE = '/@graphql-yoga/render-graphiql/esm/graphiql.js';
const print = (what: string) => writeSync(1, `${JSON.stringify({ level: 'info', msg: `test probe: GraphiQL bundle ${what}`, thread: isMainThread ? 'event loop' : 'worker' })}\n`);

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === '@graphql-yoga/render-graphiql/graphiql') print('resolved');
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    if (url.endsWith(BUNDLE_FILE)) print('imported');
    return nextLoad(url, context);
  },
});
