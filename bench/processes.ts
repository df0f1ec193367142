/**
 * Every child process a bench script starts is registered here and killed, with its process group
 * and its descendants, however the script ends (normal exit, thrown error, Ctrl-C); temporary
 * directories likewise. Children are started in a process group of their own (`detached`), so a
 * cluster's workers, or anything else they start, go with them even once orphaned.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { childrenOf } from '../test/support/sockets.ts';

const STOP_TIMEOUT_MS = 5_000;

/** Children still running: each leads its own process group (its pid is the group's id). */
const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/**
 * Registers a child started with `detached: true` (a process group of its own): it, its group and
 * its descendants are killed if this process ends first. When the child exits, what is left of
 * its group goes at once, while the group's id cannot yet name anything else.
 */
export function track(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => {
    children.delete(child);
    if (child.pid !== undefined) killPids([-child.pid], 'SIGKILL');
  });
}

/** Registers a directory to remove when the script ends; returns the function removing it now. */
export function trackDirectory(dir: string): () => void {
  tempDirs.add(dir);
  return () => {
    rmSync(dir, { recursive: true, force: true });
    tempDirs.delete(dir);
  };
}

/** `pid` and all its descendants, parents first. */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length && tree.length < 1_000; i++) tree.push(...(existsSync('/proc') ? childrenOf(tree[i]!) : []));
  return tree;
}

function killPids(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** SIGKILL for every running child, its process group and its descendants. */
function killEverything(): void {
  for (const child of children) if (child.pid !== undefined) killPids([-child.pid, ...processTree(child.pid)], 'SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}

/** Runs a script's main with cleanup installed, exiting with its code (1 on a thrown error). */
export function runMain(main: () => Promise<number>): void {
  process.on('exit', killEverything);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the servers`);
      process.exit(130);
    });
  }
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exit(1);
    },
  );
}

export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** SIGTERM (a server drains), then SIGKILL for its group and tree if it has not exited in time; once it exits, `track` kills what is left of its group. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const tree = processTree(child.pid);
  try {
    child.kill('SIGTERM');
  } catch {
    // Already gone.
  }
  if (!(await waitForExit(child, STOP_TIMEOUT_MS))) killPids([-child.pid, ...tree], 'SIGKILL');
  await waitForExit(child, STOP_TIMEOUT_MS);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `promise`, or a rejection naming `what` once `timeoutMs` has passed: no step of a bench script waits for ever. */
export function withDeadline<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
