import type { Queries } from './queries.ts';

/** What runs a statement: a prepared statement's methods that go to SQLite. */
const RUNS_STATEMENT = new Set<PropertyKey>(['all', 'get', 'run', 'values', 'execute']);

/**
 * The same statements, each run inside a span `startSpan(name)` returns and ended when SQLite has
 * answered (better-sqlite3 runs them synchronously). Made only for a request that is traced:
 * untraced requests use the statements themselves.
 */
export function tracedQueries(queries: Queries, startSpan: (statement: string) => { end(): void }): Queries {
  const traced: Record<string, unknown> = {};
  for (const [name, statement] of Object.entries(queries)) {
    traced[name] = new Proxy(statement, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || !RUNS_STATEMENT.has(property)) return value;
        return (...args: unknown[]) => {
          const span = startSpan(name);
          try {
            return (value as (...args: unknown[]) => unknown).apply(target, args);
          } finally {
            span.end();
          }
        };
      },
    });
  }
  return traced as Queries;
}
