import type Database from 'better-sqlite3';
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { calendarDateInTimeZone } from './domain/calendar.ts';
import { openReadOnly, type ReadOnlyOptions } from './db/database.ts';
import { createLoaders } from './db/loaders.ts';
import { prepareQueries, type Queries } from './db/queries.ts';
import type { Context } from './graphql/builder.ts';
import { ErrorCode } from './graphql/errors.ts';
import { schema } from './graphql/schema.ts';

export const TIME_ZONE = 'Asia/Tokyo';

export interface AppOptions extends ReadOnlyOptions {
  databasePath: string;
  /** The clock "today" comes from; injected by tests. */
  clock?: () => Date;
}

export interface App {
  yoga: YogaServerInstance<Record<string, never>, Context>;
  sqlite: Database.Database;
  queries: Queries;
  close(): void;
}

/**
 * Gives every error a code. Errors graphql-js raises while coercing arguments and variables, and
 * Pothos' argument checks, are the client's: BAD_USER_INPUT, and a 400 when they stop the whole
 * request. Anything else unexpected is masked to INTERNAL_SERVER_ERROR.
 */
function maskError(error: unknown, message: string): Error {
  if (!(error instanceof GraphQLError)) return new GraphQLError(message, { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
  const original = error.originalError;
  if (original === undefined || original === error) return error;
  const location = { nodes: error.nodes, path: error.path };
  if (original instanceof GraphQLError || original instanceof PothosValidationError) {
    const code = original instanceof GraphQLError ? original.extensions.code : undefined;
    // `spec: true` lets Yoga answer 200 to legacy application/json clients, as the spec asks.
    const requestError = error.path === undefined ? { http: { status: 400, spec: true } } : {};
    const extensions = original instanceof GraphQLError ? original.extensions : {};
    return new GraphQLError(error.message, { ...location, extensions: { ...extensions, code: code ?? ErrorCode.BAD_USER_INPUT, ...requestError } });
  }
  return new GraphQLError(message, { ...location, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
}

export function createApp(options: AppOptions): App {
  const clock = options.clock ?? (() => new Date());
  const sqlite = openReadOnly(options.databasePath, options);
  const queries = prepareQueries(sqlite);
  const yoga = createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    maskedErrors: { maskError: (error, message) => maskError(error, message) },
    graphiql: { title: 'Sapporo electronic certificates API (札幌市 電子証明書 API)' },
    context: () => ({ loaders: createLoaders(queries), queries, today: calendarDateInTimeZone(clock(), TIME_ZONE) }),
  });
  return { yoga, sqlite, queries, close: () => sqlite.close() };
}
