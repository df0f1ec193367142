/**
 * Every child process a bench script starts is registered here and killed, with its descendants,
 * however the script ends (normal exit, thrown error, Ctrl-C); temporary directories likewise.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';

const STOP_TIMEOUT_MS = 5_000;

const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/** Registers a child so it is killed (with its descendants) if this process ends first. */
export function track(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** Registers a directory to remove when the script ends; returns the function removing it now. */
export function trackDirectory(dir: string): () => void {
  tempDirs.add(dir);
  return () => {
    rmSync(dir, { recursive: true, force: true });
    tempDirs.delete(dir);
  };
}

/** Direct children of `pid`, from /proc (cluster workers of the server, for instance). */
function childPidsOf(pid: number): number[] {
  if (!existsSync('/proc')) return [];
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses; the fields after its last ')' do not.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** `pid` and all its descendants, parents first. */
export function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length && tree.length < 1_000; i++) tree.push(...childPidsOf(tree[i]!));
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

function killEverything(): void {
  for (const child of children) if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) killPids(processTree(child.pid), 'SIGKILL');
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

/** SIGTERM, then SIGKILL for the whole tree if it has not exited in time. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined) return;
  const tree = processTree(child.pid);
  try {
    child.kill('SIGTERM');
  } catch {
    // Already gone.
  }
  if (!(await waitForExit(child, STOP_TIMEOUT_MS))) child.kill('SIGKILL');
  // Workers exit with their primary, as they should; any left behind go now.
  killPids(tree.slice(1), 'SIGKILL');
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
