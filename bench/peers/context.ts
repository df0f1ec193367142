/**
 * The GraphQL context the peers give the project's schema, built the way `createContext` in
 * src/app.ts builds it, from src/db. Kept to this one function so a change of the context's shape
 * in src/app.ts is one edit here.
 */
import { tokyoDay } from '../../src/clock.ts';
import { openReadOnly } from '../../src/db/database.ts';
import { createLoaders } from '../../src/db/loaders.ts';
import { prepareQueries } from '../../src/db/queries.ts';
import { readRules } from '../../src/db/read-rules.ts';
import type { Context } from '../../src/graphql/schema/builder.ts';
import { newRequestRecord } from '../../src/graphql/execution/request-record.ts';

export function contextFactory(databasePath: string): () => Context {
  const queries = prepareQueries(openReadOnly(databasePath));
  const rules = readRules(queries);
  const day = tokyoDay();
  return () => ({
    // Peers keep no request record of their own; each request gets a fresh one nobody reads.
    record: newRequestRecord(''),
    loaders: createLoaders(queries),
    queries,
    rules: () => rules,
    today: day.today,
  });
}
