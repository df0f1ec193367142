/**
 * Peer: the project's schema served by GraphQL Yoga on node:http with its response-cache plugin
 * (one cache for all clients) and the graphql-jit plugin, answering the project's extensions.
 */
import { createServer } from 'node:http';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { createYoga, type Plugin } from 'graphql-yoga';
import { schema } from '../../src/graphql/schema/schema.ts';
import { announcePort, databasePathArgument } from './child.ts';
import { contextFactory } from './context.ts';
import { answerExtensions } from './extensions.ts';

const createContext = contextFactory(databasePathArgument());
const extensionsOf = answerExtensions(schema);

/** Adds the project's `extensions` to each result, before the response cache keeps it. */
const useAnswerExtensions: Plugin = {
  onExecute({ args }) {
    const extensions = extensionsOf(args.document, args.operationName, args.variableValues ?? undefined);
    return {
      onExecuteDone({ result, setResult }) {
        if (!(Symbol.asyncIterator in result)) setResult({ ...result, extensions });
      },
    };
  },
};

const yoga = createYoga({
  schema,
  graphqlEndpoint: '/graphql',
  landingPage: false,
  graphiql: false,
  logging: false,
  context: () => createContext(),
  plugins: [useGraphQlJit(), useAnswerExtensions, useResponseCache({ session: () => null, includeExtensionMetadata: false })],
});
const server = createServer({ keepAliveTimeout: 5_000 }, yoga);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  announcePort(typeof address === 'object' && address ? address.port : 0);
});
