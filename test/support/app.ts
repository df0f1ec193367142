import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createApp, type App, type AppOptions } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { prepareDatabaseFile } from '../../src/db/prepare-file.ts';
import type { HttpResponse } from '../../src/http/http-message.ts';
import type { SeedDataset } from '../../seed/load.ts';

export interface GraphQLResponse<Data = any> {
  status: number;
  headers: Record<string, string>;
  body: { data?: Data; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[]; extensions?: Record<string, unknown> };
}

export interface RawRequest {
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  remoteAddress?: string;
}

export interface TestApp extends App {
  databasePath: string;
  /** Any HTTP request through the whole pipeline (limits, cache, CORS), in-process. */
  request(request: RawRequest): Promise<HttpResponse & { text: string }>;
  /** POSTs a GraphQL request as a modern client (graphql-response+json), through the whole pipeline. */
  graphql<Data = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<Data>>;
}

export function temporaryDatabasePath(): string {
  const directory = mkdtempSync(join(tmpdir(), 'jpki-test-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  return join(directory, 'jpki.db');
}

/** Defaults for tests: quiet, and no rate limit unless a test asks for one. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), logLevel: 'silent', rateLimitPerMinute: 0, ...overrides };
}

/** A seeded database in a temporary directory and the app over it; closed after the file's tests. */
export function createTestApp(
  options: Partial<Omit<AppOptions, 'config'>> & { seed?: SeedDataset; config?: Partial<Config> } = {},
): TestApp {
  const databasePath = temporaryDatabasePath();
  prepareDatabaseFile(databasePath, options.seed);
  const app = createApp({ databasePath, ...options, config: testConfig(options.config) });
  afterAll(() => app.close());
  const request: TestApp['request'] = async ({ method = 'GET', url = '/graphql', headers = {}, body, remoteAddress = '127.0.0.1' }) => {
    const response = await app.handle({ method, url, headers, body: body === undefined ? null : Buffer.from(body), remoteAddress });
    return { ...response, text: response.body.toString() };
  };
  return {
    ...app,
    databasePath,
    request,
    async graphql(query, variables, headers = {}) {
      const response = await request({
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: JSON.parse(response.text) as GraphQLResponse['body'] };
    },
  };
}

export function errorCodes(response: GraphQLResponse): unknown[] {
  return (response.body.errors ?? []).map((error) => error.extensions?.code);
}
