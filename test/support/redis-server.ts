import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Debian's redis-server on PATH (`.ci/run` installs it); tests that need it are skipped without. */
export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

export interface RedisProcess {
  port: number;
  url: string;
  child: ChildProcess;
  /** Stops it for good (SIGKILL, as a crash would). */
  kill(): Promise<void>;
}

/** A free loopback port, as the system picks one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface RedisOptions {
  /** In a process group of its own (`detached`), so that the caller can kill it with all it started (bench/processes.ts). */
  ownProcessGroup?: boolean;
  /** Called with the child as soon as it is spawned, before it is ready (the bench registers it for cleanup). */
  onSpawn?: (child: ChildProcess) => void;
  /** Clients must authenticate with it (`requirepass`). */
  password?: string;
}

/** redis-server in the foreground on `port` of the loopback interface, without persistence. */
export function startRedis(port: number, options: RedisOptions = {}): Promise<RedisProcess> {
  const auth = options.password === undefined ? [] : ['--requirepass', options.password];
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...auth], { detached: options.ownProcessGroup ?? false });
  options.onSpawn?.(child);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Ready to accept connections')) {
        resolve({
          port,
          url: `redis://127.0.0.1:${port}`,
          child,
          kill: () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
            return exited;
          },
        });
      }
    });
    void exited.then(() => reject(new Error(`redis-server exited: ${output}`)));
  });
}
