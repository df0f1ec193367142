import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopChild, track, type RawResponse } from './support.ts';

const BASELINE_SERVER = fileURLToPath(new URL('./baseline-server.ts', import.meta.url));
const REPLY_TIMEOUT_MS = 10_000;

/** A response as the project sent it, to be replayed byte for byte (the body in base64 over IPC). */
export interface CannedResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

export function canned(response: RawResponse): CannedResponse {
  return { status: response.status, headers: response.headers, body: response.body.toString('base64') };
}

export interface Baseline {
  url: string;
  pid: number;
  /** Replaces the answers; several are served in rotation. */
  serve(responses: CannedResponse[]): Promise<void>;
  stop(): Promise<void>;
}

function reply<T>(child: ChildProcess, accept: (message: unknown) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`the baseline server did not reply within ${REPLY_TIMEOUT_MS} ms`)), REPLY_TIMEOUT_MS);
    const onMessage = (message: unknown) => {
      const value = accept(message);
      if (value !== undefined) done(null, value);
    };
    const onExit = (code: number | null) => done(new Error(`the baseline server exited with ${code}`));
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

export async function startBaseline(): Promise<Baseline> {
  const child = fork(BASELINE_SERVER, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  track(child);
  const port = await reply(child, (message) => (message as { port?: number }).port);
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    pid: child.pid!,
    serve: async (responses) => {
      const ready = reply(child, (message) => ((message as { ready?: boolean }).ready ? true : undefined));
      child.send({ responses });
      await ready;
    },
    stop: () => stopChild(child),
  };
}
