import { createRequire } from 'node:module';

// drizzle-orm's ES-module build links every dialect it ships (pg, mysql, gel…): about 300 ms and
// 100 MB of garbage at start-up. Its CommonJS build loads only the modules used, so every runtime
// import of drizzle goes through here; types still come from the ES declarations.
// (drizzle-kit loads the schema as CommonJS, where `require` already exists.)
const load: NodeRequire = typeof require === 'function' ? require : createRequire(import.meta.url);

export const { asc, eq, getTableColumns, getTableName, sql } = load('drizzle-orm') as typeof import('drizzle-orm');
export const { alias, check, foreignKey, integer, primaryKey, sqliteTable, text, unique } = load(
  'drizzle-orm/sqlite-core',
) as typeof import('drizzle-orm/sqlite-core');
export const { drizzle } = load('drizzle-orm/better-sqlite3') as typeof import('drizzle-orm/better-sqlite3');
export const { migrate } = load('drizzle-orm/better-sqlite3/migrator') as typeof import('drizzle-orm/better-sqlite3/migrator');
