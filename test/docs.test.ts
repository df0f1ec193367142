import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, getOperationAST, isEnumType, isInputObjectType, isInterfaceType, isObjectType, parse, validate, type GraphQLNamedType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../src/config.ts';
import { ErrorCode } from '../src/graphql/errors.ts';
import { graphiqlOptions } from '../src/http/graphiql-settings.ts';
import { loadPersistedOperations } from '../src/graphql/execution/persisted-operations.ts';
import { temporaryDatabasePath } from './support/app.ts';
import { examples, fencedBlocks, headingAnchors, missingLines, startCommand, type Example } from './support/markdown.ts';
import { STARTUP_LIMIT_MS } from './support/readiness.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The origins the documents use, the API's and the metrics'; the test serves each example on free ports instead. */
const DOC_ORIGIN = 'http://localhost:4000';
const DOC_METRICS_ORIGIN = 'http://localhost:9464';
/** How long one example may run: well under a second alone; the limit only bounds a hang on a busy machine. */
const EXAMPLE_LIMIT_MS = 60_000;
/** A birth date the examples send; no server log line may hold it. */
const EXAMPLE_BIRTH_DATE = '1980-10-10';

const allExamples = DOCS.flatMap((file) => examples(fencedBlocks(file, read(file))));
const startCommands = DOCS.flatMap((file) => fencedBlocks(file, read(file)).flatMap((block) => startCommand(block) ?? []));

/**
 * One real server for each set of settings an example is written for, started as its document shows
 * (`NAME=value … npm start`), on a free port and a temporary database file.
 */
const serverKey = (settings: Record<string, string>) => JSON.stringify(Object.entries(settings).sort());
const serverSettings = new Map(allExamples.map((example) => [serverKey(example.settings), example.settings]));
serverSettings.set(serverKey({}), {});
const servers = new Map<string, ServerProcess>();
const serverFor = (settings: Record<string, string>) => servers.get(serverKey(settings))!;

beforeAll(async () => {
  await Promise.all(
    [...serverSettings].map(async ([key, settings]) => {
      servers.set(key, await startServer({ ...settings, PORT: '0', HOST: '127.0.0.1', DATABASE_PATH: temporaryDatabasePath() }));
    }),
  );
}, STARTUP_LIMIT_MS);

afterAll(async () => {
  await Promise.all(
    [...servers.values()].map(async (server) => {
      server.child.kill('SIGTERM');
      await server.exited;
    }),
  );
});

function run(example: Example, server: ServerProcess): Promise<{ code: number; stdout: string; stderr: string }> {
  const code = example.block.code.replaceAll(DOC_ORIGIN, new URL(server.url).origin).replaceAll(DOC_METRICS_ORIGIN, new URL(server.metricsUrl).origin);
  const [command, args] =
    example.kind === 'sh' ? ['bash', ['-c', `set -euo pipefail\n${code}`]] : [process.execPath, ['--input-type=module', '-e', code]];
  return new Promise((resolveRun) => {
    execFile(command, args as string[], { cwd: ROOT, timeout: EXAMPLE_LIMIT_MS, maxBuffer: 20_000_000 }, (error, stdout, stderr) => {
      const exit = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolveRun({ code: exit, stdout, stderr });
    });
  });
}

describe('documentation examples', () => {
  it('exist in every partner document', () => {
    for (const file of ['docs/kiosk-integrators.md', 'docs/city-apps.md', 'docs/analysts.md', 'docs/deployment.md', 'README.md']) {
      expect(allExamples.some((example) => example.block.file === file), file).toBe(true);
    }
  });

  it('start the server with npm start from a fresh shell: `. scripts/node24.sh` first', () => {
    const npmStarts = startCommands.filter((command) => command.line.includes('npm start'));
    expect(npmStarts.length).toBeGreaterThan(1);
    for (const command of npmStarts) expect(command.line).toMatch(/^\. scripts\/node24\.sh && /);
  });

  it.each(allExamples.map((example) => [`${example.block.file}:${example.block.line} (${example.kind})`, example] as const))(
    '%s runs and prints what the document shows',
    async (_label, example) => {
      const server = serverFor(example.settings);
      const { code, stdout, stderr } = await run(example, server);
      expect({ code, stderr }, stdout).toMatchObject({ code: 0 });
      const expected = example.expected;
      if (expected === null) return;
      if (expected.lang === 'json') {
        let actual: unknown;
        try {
          actual = JSON.parse(stdout);
        } catch {
          throw new Error(`output is not JSON:\n${stdout}`);
        }
        const shown = JSON.parse(expected.code) as unknown;
        if (shown !== null && typeof shown === 'object') expect(actual).toMatchObject(shown as object);
        else expect(actual).toEqual(shown);
      } else {
        expect(missingLines(stdout, expected.code), `output:\n${stdout}`).toEqual([]);
      }
    },
    EXAMPLE_LIMIT_MS + 5_000,
  );

  it('never puts a birth date in the server log', () => {
    for (const server of servers.values()) {
      const lines = server.stdout().trim().split('\n');
      for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
      expect(server.stdout()).not.toContain(EXAMPLE_BIRTH_DATE);
    }
    expect(allExamples.some((example) => example.block.code.includes(EXAMPLE_BIRTH_DATE))).toBe(true);
  });

  it('shows log lines with the fields the server writes', () => {
    const shown = fencedBlocks('docs/deployment.md', read('docs/deployment.md'))
      .filter((block) => block.lang === 'text' && /^\{"(time|level)"/.test(block.code))
      .map((block) => JSON.parse(block.code) as Record<string, unknown>);
    const written = serverFor({}).stdout().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const keys = (line: Record<string, unknown> | undefined) => Object.keys(line ?? {}).sort();
    const listening = shown.find((line) => line.msg === 'listening');
    const request = shown.find((line) => line.path === '/graphql');
    expect(keys(written.find((line) => line.msg === 'listening'))).toEqual(keys(listening));
    expect(request).toMatchObject({ method: 'POST', status: 200 });
    expect(written.filter((line) => line.method === 'POST' && line.status === 200 && !('errors' in line)).map(keys)).toContainEqual(keys(request));
  });
});

describe('documentation facts', () => {
  it('lists exactly the persisted kiosk operations, with their ids', () => {
    const doc = read('docs/kiosk-integrators.md');
    const rows = [...doc.matchAll(/^\| `operations\/kiosk\/([^`]+)` \|.*\| `([0-9a-f]{64})` \|$/gm)].map(([, file, id]) => ({ file, id }));
    const operations = [...loadPersistedOperations().values()].map(({ file, id }) => ({ file, id }));
    expect(rows).toEqual(operations);
  });

  it('explains every error code', () => {
    const doc = read('docs/kiosk-integrators.md');
    for (const code of Object.values(ErrorCode)) expect(doc, code).toMatch(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
  });

  /** What each setting's "default" cell must say, from loadConfig with an empty environment. */
  const defaults = (config: Config): Record<string, string> => ({
    NODE_ENV: '(unset)',
    PORT: String(config.port),
    HOST: config.host,
    DATABASE_PATH: `./${relative(process.cwd(), config.databasePath)}`,
    LOG_LEVEL: config.logLevel,
    MAX_BODY_BYTES: String(config.limits.maxBodyBytes),
    MAX_ACCEPT_HEADER_BYTES: String(config.limits.maxAcceptHeaderBytes),
    MAX_DEPTH: String(config.limits.maxDepth),
    MAX_ALIASES: String(config.limits.maxAliases),
    MAX_DIRECTIVES: String(config.limits.maxDirectives),
    MAX_TOKENS: String(config.limits.maxTokens),
    MAX_OPERATIONS: String(config.limits.maxOperations),
    MAX_COST: String(config.limits.maxCost),
    MAX_FIELDS_PER_SELECTION: String(config.limits.maxFieldsPerSelection),
    MAX_SAME_RESPONSE_NAME: String(config.limits.maxSameResponseName),
    MAX_MERGE_COMPARISONS: String(config.limits.maxMergeComparisons),
    CORS_ORIGINS: config.corsOrigins.length === 0 ? '(empty)' : config.corsOrigins.join(','),
    PERSISTED_ONLY: String(config.persistedOnly),
    API_KEYS: config.apiKeys.length === 0 ? '(empty)' : config.apiKeys.join(','),
    ARBITRARY_OPERATION_KEYS: config.arbitraryOperationKeys.length === 0 ? '(empty)' : config.arbitraryOperationKeys.join(','),
    GRAPHIQL: String(config.graphiql),
    RATE_LIMIT_PER_MINUTE: String(config.rateLimitPerMinute),
    RATE_LIMIT_COST_PER_REQUEST: String(config.rateLimitCostPerRequest),
    RATE_LIMIT_MAX_CLIENTS: String(config.rateLimitMaxClients),
    REDIS_URL: config.redisUrl ?? '(unset)',
    TRUST_PROXY: String(config.trustProxy),
    CACHE_MAX_AGE: String(config.cacheMaxAgeSeconds),
    RESPONSE_CACHE_ENTRIES: String(config.responseCacheEntries),
    RESPONSE_CACHE_BYTES: String(config.responseCacheBytes),
    OPERATION_CACHE_BYTES: String(config.operationCacheBytes),
    COMPILE_OPERATIONS: String(config.compileOperations),
    SHUTDOWN_TIMEOUT_MS: String(config.shutdownTimeoutMs),
    SHUTDOWN_DRAIN_MS: String(config.shutdownDrainMs),
    MAX_CONNECTIONS: String(config.connections.maxConnections),
    HEADERS_TIMEOUT_MS: String(config.connections.headersTimeoutMs),
    REQUEST_TIMEOUT_MS: String(config.connections.requestTimeoutMs),
    SEND_TIMEOUT_MS: String(config.connections.sendTimeoutMs),
    KEEP_ALIVE_TIMEOUT_MS: String(config.connections.keepAliveTimeoutMs),
    METRICS_PORT: String(config.metricsPort),
    METRICS_HOST: config.metricsHost,
    REDIS_TIMEOUT_MS: String(config.redisTimeoutMs),
    WEB_CONCURRENCY: String(config.webConcurrency),
    DATA_CHECK_INTERVAL_MS: String(config.dataCheckIntervalMs),
  });

  function settingsTable(markdown: string): Map<string, string> {
    const rows = [...markdown.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| ([^|]+) \|/gm)];
    return new Map(rows.map(([, name, cell]) => [name!, cell!.trim().replaceAll('`', '')]));
  }

  it.each(['README.md', 'docs/deployment.md'])('%s documents every setting of src/config.ts with its default', (file) => {
    const names = [...read('src/config.ts').matchAll(/env(?:\.|, ')([A-Z][A-Z0-9_]+)/g)].map(([, name]) => name!);
    const expected = defaults(loadConfig({}));
    expect(new Set(names), 'a new setting needs its default in this test and in both tables').toEqual(new Set(Object.keys(expected)));
    const markdown = read(file);
    const section = file === 'README.md' ? markdown.slice(markdown.indexOf('\n## Running in production')) : markdown;
    expect(section.length).toBeGreaterThan(100);
    const table = settingsTable(section);
    for (const name of names) expect(table.get(name), `${file}: ${name}`).toBe(expected[name]);
  });

  it('has README say on its first screen, in one line, that each new shell needs `. scripts/node24.sh`, then set up in two commands', () => {
    const readme = read('README.md');
    const firstScreen = readme.split('\n').slice(0, 24);
    expect(firstScreen.filter((line) => line.includes('`. scripts/node24.sh`') && line.includes('each new shell'))).toHaveLength(1);
    const setUp = fencedBlocks('README.md', readme).find((block) => block.before.includes('\n## Set up'))!;
    expect(setUp.code.split('\n').filter((line) => line.trim() !== '')).toHaveLength(2);
  });

  it('has README end with the production section, linking every partner document', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('\n## Running in production'));
    expect(section).not.toMatch(/\n## (?!Running in production)/);
    for (const doc of ['docs/kiosk-integrators.md', 'docs/city-apps.md', 'docs/analysts.md', 'docs/deployment.md']) {
      expect(section).toContain(`](${doc})`);
    }
  });

  it('lists every GraphiQL tab, in the order GraphiQL opens them, with its operation name and file', () => {
    const rows = [...read('docs/analysts.md').matchAll(/^\| `(\w+)` \| `(operations\/[^`]+\.graphql)` \|$/gm)].map(([, name, file]) => ({ name, file }));
    for (const { name, file } of rows) expect(getOperationAST(parse(read(file!)))?.name?.value, file).toBe(name);
    expect(rows.map(({ file }) => read(file!))).toEqual(graphiqlOptions.defaultTabs.map((tab) => tab.query));
  });

  /** Fields of an object or interface type, input fields, enum values; null for a type without members (a scalar). */
  function members(type: GraphQLNamedType): string[] | null {
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) return Object.keys(type.getFields());
    if (isEnumType(type)) return type.getValues().map((value) => value.name);
    return null;
  }

  const contract = buildSchema(read('schema/schema.graphql'));

  it.each(DOCS)('%s names only types and fields of schema/schema.graphql as `Type.field`', (file) => {
    // Anything before the dot that is not a schema type with members (`JSON.stringify`, `Date.now`) is not a mention.
    const mentions = [...read(file).matchAll(/(?<![\w.])([A-Z][A-Za-z0-9]*)\.([A-Za-z_][A-Za-z0-9_]*)/g)].flatMap(([mention, typeName, member]) => {
      const type = contract.getType(typeName!);
      const known = type ? members(type) : null;
      return known ? [{ mention, exists: known.includes(member!) }] : [];
    });
    for (const { mention, exists } of mentions) expect(exists, `${file}: ${mention}`).toBe(true);
  });

  it('shows only GraphQL operations that are valid against schema/schema.graphql', () => {
    // Blocks of schema text (schema-policy.md's deprecation example) are not operations: not parsed as one.
    const operations = DOCS.flatMap((file) => fencedBlocks(file, read(file)))
      .filter((block) => block.lang === 'graphql' && /^\s*(query|fragment|\{)/.test(block.code));
    for (const block of operations) {
      expect(validate(contract, parse(block.code)).map((error) => error.message), `${block.file}:${block.line}`).toEqual([]);
    }
  });

  it.each(DOCS)('%s links only to files and headings that exist', (file) => {
    const markdown = read(file).replace(/```[\s\S]*?```/g, '');
    for (const [, target] of markdown.matchAll(/\]\((?!https?:|mailto:)([^)\s]+)\)/g)) {
      const [path, anchor] = target!.split('#');
      const linked = path ? resolve(dirname(join(ROOT, file)), path) : join(ROOT, file);
      expect(existsSync(linked), `${file} → ${target}`).toBe(true);
      if (anchor && linked.endsWith('.md')) expect([...headingAnchors(readFileSync(linked, 'utf8'))], `${file} → ${target}`).toContain(anchor);
    }
  });
});
