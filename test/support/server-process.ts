import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('../../src/server.ts', import.meta.url));

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
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
}

/** `node src/server.ts` on a free loopback port. */
function spawnServer(env: Record<string, string>, baseEnv: NodeJS.ProcessEnv = process.env): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [SERVER], { env: { ...baseEnv, PORT: '0', HOST: '127.0.0.1', ...env } });
}

/** Starts the server and resolves once it listens. */
export function startServer(env: Record<string, string>, options: StartOptions = {}): Promise<ServerProcess> {
  const child = spawnServer(env, options.baseEnv);
  const retain = options.retainChars ?? Number.POSITIVE_INFINITY;
  const keep = (held: string, chunk: Buffer) => {
    const all = held + chunk.toString();
    return all.length > retain ? all.slice(-retain) : all;
  };
  let stdout = '';
  let stderr = '';
  let url: string | null = null;
  child.stderr.on('data', (chunk: Buffer) => (stderr = keep(stderr, chunk)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (url === null) {
        // Matched on the unbounded start of the output: the line may straddle two chunks.
        const match = /"url":"(http:[^"]+)"/.exec(stdout + chunk.toString());
        if (match?.[1]) {
          url = match[1];
          resolve({ child, url, stdout: () => stdout, stderr: () => stderr, exited });
        }
      }
      stdout = keep(stdout, chunk);
    });
    void exited.then((code) => reject(Object.assign(new Error(`server exited with ${code}: ${stderr}`), { code, stderr })));
  });
}

/** Runs the server expecting it to refuse to start; resolves with its exit code and output. */
export async function runServerToExit(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawnServer(env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stderr, stdout };
}
