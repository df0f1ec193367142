/**
 * Starting and stopping what the benchmark measures: the project's server (spawned the same way the
 * tests spawn it, test/support/server-process.ts), the bare node:http baseline, the peers serving
 * the same schema, and a throwaway Redis. Every one is killed however the script ends.
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareDatabaseFile } from '../src/db/prepare-file.ts';
import { freePort, hasRedisServer, startRedis as startRedisProcess } from '../test/support/redis-server.ts';
import { startServer, type StartOptions } from '../test/support/server-process.ts';
import { postGraphql, type RawResponse } from './http.ts';
import { PROBE_BODY } from './operations.ts';
import { sleep, stopChild, track, trackDirectory, withDeadline } from './processes.ts';

const START_TIMEOUT_MS = 20_000;
const REPLY_TIMEOUT_MS = 20_000;
/** What is kept of the server's output for error messages; the request log is drained, not held. */
const RETAINED_OUTPUT_CHARS = 20_000;

/**
 * The production limit (600 a minute per client) would turn a load test from one address into a
 * test of 429s; a budget no run can exhaust keeps the limiter's own cost in every measurement.
 */
const UNREACHABLE_RATE_LIMIT = '100000000';

export interface TempDatabase {
  path: string;
  remove(): void;
}

/** A fresh database, migrated and seeded as `node src/db/cli.ts migrate` does, so start-up finds it ready. */
export function prepareDatabase(): TempDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'jpki-bench-'));
  const remove = trackDirectory(dir);
  const path = join(dir, 'jpki.db');
  prepareDatabaseFile(path);
  return { path, remove };
}

/** Only what Node needs: settings in the caller's shell must not change what is measured. */
function minimalEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of ['PATH', 'HOME', 'TMPDIR']) if (process.env[name] !== undefined) env[name] = process.env[name];
  return env;
}

/** The settings the project's server runs with in every bench script, for the reports. */
export function serverSettings(extra: Record<string, string> = {}): Record<string, string> {
  return { NODE_ENV: 'production', LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: UNREACHABLE_RATE_LIMIT, ...extra };
}

export interface ServerHandle {
  /** The process started: the one to signal, the root of its process tree. */
  child: ChildProcess;
  pid: number;
  origin: string;
  /** Where its /metrics is served (a port of its own). */
  metricsOrigin: string;
  graphqlUrl: string;
  /** Spawn to the first successful GraphQL answer. */
  startupMs: number;
  /** The tail of what the server printed, for error messages. */
  output: () => string;
  /** Resolves with the exit code once it has exited. */
  exited: Promise<number | null>;
  stop: () => Promise<void>;
}

/** Waits (bounded) until `url` answers the probe with a 200. */
async function firstAnswer(url: string, alive: () => boolean, output: () => string): Promise<void> {
  const deadline = performance.now() + START_TIMEOUT_MS;
  for (;;) {
    if (!alive()) throw new Error(`the server at ${url} exited before answering:\n${output()}`);
    if (performance.now() > deadline) throw new Error(`${url} did not answer within ${START_TIMEOUT_MS} ms:\n${output()}`);
    try {
      if ((await postGraphql(url, PROBE_BODY, 1_000)).status === 200) return;
    } catch {
      // Not listening yet (a cluster's workers start one by one).
    }
    await sleep(5);
  }
}

/**
 * `node src/server.ts`, started as the tests start it, over `databasePath`, with the bench settings
 * and `extra` ones (WEB_CONCURRENCY, REDIS_URL), in a process group of its own that the script
 * kills however it ends. Its stdout, one log line per request, is drained.
 */
export async function startProjectServer(databasePath: string, extra: Record<string, string> = {}, options: Pick<StartOptions, 'descriptorLimit'> = {}): Promise<ServerHandle> {
  const started = performance.now();
  const server = await withDeadline(
    startServer({ ...serverSettings(extra), DATABASE_PATH: databasePath }, { ...options, baseEnv: minimalEnv(), retainChars: RETAINED_OUTPUT_CHARS, ownProcessGroup: true, onSpawn: track }),
    START_TIMEOUT_MS,
    'the server did not listen',
  );
  const output = () => `${server.stdout()}\n${server.stderr()}`;
  const graphqlUrl = server.url;
  try {
    await firstAnswer(graphqlUrl, () => server.child.exitCode === null && server.child.signalCode === null, output);
  } catch (error) {
    await stopChild(server.child);
    throw error;
  }
  return {
    child: server.child,
    pid: server.child.pid!,
    origin: new URL(graphqlUrl).origin,
    metricsOrigin: new URL(server.metricsUrl).origin,
    graphqlUrl,
    startupMs: performance.now() - started,
    output,
    exited: server.exited,
    stop: () => stopChild(server.child),
  };
}

function reply<T>(child: ChildProcess, name: string, accept: (message: unknown) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`${name} did not reply within ${REPLY_TIMEOUT_MS} ms`)), REPLY_TIMEOUT_MS);
    const onMessage = (message: unknown) => {
      const value = accept(message);
      if (value !== undefined) done(null, value);
    };
    const onExit = (code: number | null) => done(new Error(`${name} exited with ${code}`));
    function done(error: Error | null, value?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(value!);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export interface ChildServer {
  name: string;
  pid: number;
  graphqlUrl: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/** Forks bench/peers/<file>.ts with the database path, and waits for the port it reports. */
async function startChildServer(name: string, file: string, databasePath: string): Promise<ChildServer> {
  const path = fileURLToPath(new URL(`./peers/${file}.ts`, import.meta.url));
  const child = fork(path, [databasePath], { env: { ...minimalEnv(), NODE_ENV: 'production' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], detached: true });
  track(child);
  const port = await reply(child, name, (message) => (message as { port?: number }).port);
  return { name, pid: child.pid!, graphqlUrl: `http://127.0.0.1:${port}/graphql`, child, stop: () => stopChild(child) };
}

export const PEERS = [
  { id: 'mercurius', name: 'Mercurius (jit: 1, cache)' },
  { id: 'yoga', name: 'Yoga + response-cache + graphql-jit plugins' },
] as const;

export type PeerId = (typeof PEERS)[number]['id'];

export interface PeerServer extends ChildServer {
  id: PeerId;
}

export async function startPeer(id: PeerId, databasePath: string): Promise<PeerServer> {
  const peer = PEERS.find((candidate) => candidate.id === id)!;
  const server = await startChildServer(peer.name, id, databasePath);
  await firstAnswer(server.graphqlUrl, () => server.child.exitCode === null, () => '');
  return { ...server, id };
}

/** A response as the project sent it, to be replayed byte for byte (the body in base64 over IPC). */
export interface CannedResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

export function canned(response: RawResponse): CannedResponse {
  return { status: response.status, headers: response.headers, body: response.body.toString('base64') };
}

export interface Baseline extends ChildServer {
  /** Replaces the answers; several are served in rotation. */
  serve(responses: CannedResponse[]): Promise<void>;
}

export async function startBaseline(): Promise<Baseline> {
  const server = await startChildServer('bare node:http', 'baseline', '-');
  return {
    ...server,
    serve: async (responses) => {
      const ready = reply(server.child, server.name, (message) => ((message as { ready?: boolean }).ready ? true : undefined));
      server.child.send({ responses });
      await ready;
    },
  };
}


export interface RedisHandle {
  url: string;
  pid: number;
  version: string;
  /** Commands Redis has processed so far (INFO stats), so a report can show whether it was used. */
  commandsProcessed: () => Promise<number | null>;
  stop: () => Promise<void>;
}

/** `INFO stats` as an inline command over a plain socket: no client library for one number. */
function redisCommandsProcessed(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (value: number | null) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(2_000, () => done(null));
    socket.on('error', () => done(null));
    socket.on('connect', () => socket.write('INFO stats\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      const match = /total_commands_processed:(\d+)/.exec(reply);
      if (match) done(Number(match[1]));
    });
  });
}

/** A throwaway Debian `redis-server` (test/support/redis-server.ts) on a free loopback port, nothing persisted; null when not installed. */
export async function startRedis(): Promise<RedisHandle | null> {
  if (!hasRedisServer) return null;
  const port = await freePort();
  const redis = await withDeadline(startRedisProcess(port, { ownProcessGroup: true, onSpawn: track }), START_TIMEOUT_MS, 'redis-server was not ready');
  return {
    url: redis.url,
    pid: redis.child.pid!,
    version: spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout.trim(),
    commandsProcessed: () => redisCommandsProcessed(port),
    stop: () => stopChild(redis.child),
  };
}
