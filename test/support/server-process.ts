import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER = 'src/server.ts';

/**
 * The environment and Node flags of `npm start` (package.json): every test and benchmark runs the
 * server with the command production runs (docs/deployment.md).
 */
const START = (() => {
  const { scripts } = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { scripts: { start: string } };
  const match = /^((?:[A-Z_]+=\S+\s+)*)node((?:\s+--\S+)*)\s+src\/server\.ts$/.exec(scripts.start);
  if (!match) throw new Error(`package.json's start script is not \`[NAME=value …] node [--flags] ${SERVER}\`: ${scripts.start}`);
  const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);
  const env = Object.fromEntries(words(match[1]!).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
  return { env: env as Readonly<Record<string, string>>, flags: words(match[2]!) as readonly string[] };
})();
export const START_ENV = START.env;
export const START_FLAGS = START.flags;

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** The process the `listening` line names: the one to signal. */
  pid: number;
  /** Where /metrics is served (METRICS_PORT); the tests give it a free port. */
  metricsUrl: string;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

export interface StartOptions {
  /**
   * Keep only the last this many characters of each stream. A server under load logs a line per
   * request; the benchmark drains the pipe but must not hold millions of lines. Default: all.
   */
  retainChars?: number;
  /** The environment the settings are laid over; default this process's. */
  baseEnv?: NodeJS.ProcessEnv;
  /** More Node flags after those of `npm start`, e.g. `--import` of a fault to inject. */
  nodeFlags?: string[];
  /** Started under this limit on open descriptors (`prlimit --nofile`). */
  descriptorLimit?: number;
  /** Started under this limit on the size of a file it writes, in bytes (`prlimit --fsize`): a write past it fails as on a full disk. */
  fileSizeLimit?: number;
  /** In a process group of its own (`detached`), so that the caller can kill it with all it started (bench/processes.ts). */
  ownProcessGroup?: boolean;
  /** Called with the child as soon as it is spawned, before it listens (the bench registers it for cleanup). */
  onSpawn?: (child: ChildProcessWithoutNullStreams) => void;
}

/** The server as `npm start` runs it, on free loopback ports. */
function spawnServer(env: Record<string, string>, options: StartOptions = {}): ChildProcessWithoutNullStreams {
  const node = [process.execPath, ...START_FLAGS, ...(options.nodeFlags ?? []), SERVER];
  const limits = [
    ...(options.descriptorLimit === undefined ? [] : [`--nofile=${options.descriptorLimit}:${options.descriptorLimit}`]),
    ...(options.fileSizeLimit === undefined ? [] : [`--fsize=${options.fileSizeLimit}:${options.fileSizeLimit}`]),
  ];
  const [command, ...args] = limits.length === 0 ? node : ['prlimit', ...limits, ...node];
  return spawn(command!, args, {
    cwd: ROOT,
    env: { ...(options.baseEnv ?? process.env), ...START_ENV, PORT: '0', HOST: '127.0.0.1', METRICS_PORT: '0', ...env },
    detached: options.ownProcessGroup ?? false,
  });
}

/** Starts the server and resolves once it listens (its API and its metrics). */
export function startServer(env: Record<string, string>, options: StartOptions = {}): Promise<ServerProcess> {
  const child = spawnServer(env, options);
  options.onSpawn?.(child);
  const retain = options.retainChars ?? Number.POSITIVE_INFINITY;
  const keep = (held: string, chunk: Buffer) => {
    const all = held + chunk.toString();
    return all.length > retain ? all.slice(-retain) : all;
  };
  let stdout = '';
  let stderr = '';
  // Lines are read from the unbounded start of the output until both announcements are seen.
  let head = '';
  let listening: { url: string; pid: number } | null = null;
  let metricsUrl: string | null = null;
  child.stderr.on('data', (chunk: Buffer) => (stderr = keep(stderr, chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout = keep(stdout, chunk);
      if (listening && metricsUrl) return;
      head += chunk.toString();
      const lines = head.split('\n');
      head = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const { msg, url, pid } = JSON.parse(line) as { msg?: string; url?: string; pid?: number };
        if (msg === 'listening' && !listening) listening = { url: url!, pid: pid! };
        if (msg === 'metrics listening') metricsUrl = url!;
      }
      if (listening && metricsUrl) resolve({ child, ...listening, metricsUrl, stdout: () => stdout, stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(Object.assign(new Error(`server exited with ${code}: ${stderr}`), { code, stderr })));
  });
}

/** Runs the server expecting it to refuse to start; resolves with its exit code and output. */
export async function runServerToExit(env: Record<string, string>, options: Pick<StartOptions, 'fileSizeLimit'> = {}): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawnServer(env, options);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // The output ends once every process holding it has ended: a cluster's workers write to it too.
  const [code] = await Promise.all([new Promise<number | null>((resolve) => child.on('exit', resolve)), new Promise((resolve) => child.stderr.on('end', resolve))]);
  return { code, stderr, stdout };
}
