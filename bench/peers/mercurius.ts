/**
 * Peer: the project's schema served by Mercurius on Fastify, with graphql-jit after the first
 * execution (`jit: 1`) and its cache of parsed and validated documents (`cache`).
 */
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { schema } from '../../src/graphql/schema/schema.ts';
import { announcePort, databasePathArgument } from './child.ts';
import { contextFactory } from './context.ts';

const createContext = contextFactory(databasePathArgument());
const app = Fastify({ logger: false });
await app.register(mercurius, { schema, jit: 1, cache: true, graphiql: false, path: '/graphql', context: () => createContext() });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
announcePort(typeof address === 'object' && address ? address.port : 0);
