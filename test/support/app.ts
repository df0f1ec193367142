import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createApp, type App, type AppOptions } from '../../src/app.ts';
import { prepareDatabaseFile } from '../../src/db/database.ts';
import type { SeedDataset } from '../../seed/load.ts';

export interface GraphQLResponse<Data = any> {
  status: number;
  headers: Headers;
  body: { data?: Data; errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[] };
}

export interface TestApp extends App {
  databasePath: string;
  /** POSTs a GraphQL request in-process, as a modern client (graphql-response+json) by default. */
  graphql<Data = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<Data>>;
}

export function temporaryDatabasePath(): string {
  const directory = mkdtempSync(join(tmpdir(), 'jpki-test-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  return join(directory, 'jpki.db');
}

/** A seeded database in a temporary directory and the app over it; closed after the file's tests. */
export function createTestApp(options: Partial<AppOptions> & { seed?: SeedDataset } = {}): TestApp {
  const databasePath = temporaryDatabasePath();
  prepareDatabaseFile(databasePath, options.seed);
  const app = createApp({ databasePath, ...options });
  afterAll(() => app.close());
  return {
    ...app,
    databasePath,
    async graphql(query, variables, headers = {}) {
      const response = await app.yoga.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse['body'] };
    },
  };
}

export function errorCodes(response: GraphQLResponse): unknown[] {
  return (response.body.errors ?? []).map((error) => error.extensions?.code);
}
