import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './schema/tables.ts',
  out: './migrations',
  dbCredentials: { url: process.env.DATABASE_PATH ?? './data/jpki.db' },
});
