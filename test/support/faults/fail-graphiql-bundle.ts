/**
 * A fault for process tests, loaded into the server with `--import`: GraphiQL's bundle module
 * resolves to a file of another shape (this one, which declares no string), as after a broken
 * install or an upgrade that changed the bundle, and each attempt prints one JSON line, as the
 * server's log does, so a test counts the attempts made.
 */
import { writeSync } from 'node:fs';
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === '@graphql-yoga/render-graphiql/graphiql') {
      writeSync(1, `${JSON.stringify({ level: 'info', msg: 'test fault: GraphiQL bundle of another shape' })}\n`);
      return { url: import.meta.url, shortCircuit: true };
    }
    return nextResolve(specifier, context);
  },
});
