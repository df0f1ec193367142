/**
 * The GraphQL context the peers give the project's schema, built the way `createContext` in
 * src/app.ts builds it, from src/db. Kept to this one function so a change of the context's shape
 * in src/app.ts is one edit here.
 */
import { calendarDateInTimeZone } from '../../src/domain/calendar.ts';
import { openReadOnly } from '../../src/db/database.ts';
import { createLoaders } from '../../src/db/loaders.ts';
import { prepareQueries } from '../../src/db/queries.ts';
import { readRules } from '../../src/db/rules.ts';
import type { Context } from '../../src/graphql/builder.ts';

/** The bench's operations pass `asOf`, so `today` is never called while measuring. */
const TIME_ZONE = 'Asia/Tokyo';

export function contextFactory(databasePath: string): () => Context {
  const queries = prepareQueries(openReadOnly(databasePath));
  const rules = readRules(queries);
  return () => ({
    loaders: createLoaders(queries),
    queries,
    rules: () => rules,
    today: () => calendarDateInTimeZone(new Date(), TIME_ZONE),
  });
}
