/**
 * Peer: the project's schema served by Mercurius on Fastify, with graphql-jit after the first
 * execution (`jit: 1`) and its cache of parsed and validated documents (`cache`), answering the
 * project's extensions (computed before execution, added once resolved).
 */
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { schema } from '../../src/graphql/schema/schema.ts';
import { announcePort, databasePathArgument } from './child.ts';
import { contextFactory } from './context.ts';
import { answerExtensions, type AnswerExtensions } from './extensions.ts';

const createContext = contextFactory(databasePathArgument());
const extensionsOf = answerExtensions(schema);
const extensionsByContext = new WeakMap<object, AnswerExtensions>();

const app = Fastify({ logger: false });
await app.register(mercurius, { schema, jit: 1, cache: true, graphiql: false, path: '/graphql', context: () => createContext() });
// Mercurius does not give this hook the operation name: every bench document holds one operation.
app.graphql.addHook('preExecution', async (_schema, document, context, variables) => {
  extensionsByContext.set(context, extensionsOf(document, null, variables));
});
app.graphql.addHook('onResolution', async (execution, context) => {
  execution.extensions = extensionsByContext.get(context);
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
announcePort(typeof address === 'object' && address ? address.port : 0);
