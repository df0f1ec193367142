/**
 * CPU time a server spends, read from /proc for its whole process tree (one process by default;
 * a cluster's primary and workers): what a request costs the server whatever else runs on the
 * cores. The load generator shares the cores with the server, so throughput measures both; CPU per
 * request measures the server alone.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { processTree } from './processes.ts';

/** Clock ticks per second of the utime/stime fields (`getconf CLK_TCK`; 100 on every Linux seen). */
const CLOCK_TICKS_PER_SECOND = (() => {
  const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim());
  return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
})();

/** utime + stime of one process (every thread of it), in µs; null once it has gone. */
function processCpuMicros(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses; the fields after its last ')' do not.
    // After it: state (3), ppid (4), …, utime (14), stime (15), counted from 1 as proc(5) does.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000_000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * User + system time of `pid` and its descendants (from /proc/<pid>/stat), in µs. Counted in clock
 * ticks (10 ms): read it around thousands of requests, not one.
 */
export function cpuMicros(pid: number): number {
  return processTree(pid).reduce((total, member) => total + (processCpuMicros(member) ?? 0), 0);
}

/** Time on a CPU of every thread of one process, in ns (the first field of each /proc/<pid>/task/<tid>/schedstat). */
function processCpuNanos(pid: number): number {
  let total = 0;
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return 0;
  }
  for (const thread of threads) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${thread}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // The thread ended while listed.
    }
  }
  return total;
}

/**
 * Time on a CPU of `pid` and its descendants, every thread (GC and the thread pool included), in ns
 * (/proc/<pid>/task/<tid>/schedstat): precise enough to read around a single request.
 */
export function cpuNanos(pid: number): number {
  return processTree(pid).reduce((total, member) => total + processCpuNanos(member), 0);
}
