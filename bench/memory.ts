/** Resident memory of a process tree (a server and its cluster workers), from /proc; null off Linux. */
import { readFileSync } from 'node:fs';
import { processTree } from './processes.ts';

export interface PeakMemory {
  /** VmHWM of each process of the tree (the primary first), in bytes. */
  processes: { pid: number; bytes: number }[];
  maxBytes: number;
  sumBytes: number;
}

function statusField(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The bytes of every process of a sample together; null when there is no sample (no /proc). */
export function totalBytes(processes: readonly { bytes: number }[] | null): number | null {
  return processes === null ? null : processes.reduce((sum, p) => sum + p.bytes, 0);
}

/** Peak resident memory (VmHWM) of `pid` and of every process it forked. */
export function peakMemory(pid: number): PeakMemory | null {
  const processes = processTree(pid).flatMap((member) => {
    const bytes = statusField(member, 'VmHWM');
    return bytes === null ? [] : [{ pid: member, bytes }];
  });
  if (processes.length === 0) return null;
  return {
    processes,
    maxBytes: Math.max(...processes.map((p) => p.bytes)),
    sumBytes: totalBytes(processes)!,
  };
}

/** Current resident memory (VmRSS) of each process of the tree. */
export function residentMemory(pid: number): { pid: number; bytes: number }[] | null {
  const processes = processTree(pid).flatMap((member) => {
    const bytes = statusField(member, 'VmRSS');
    return bytes === null ? [] : [{ pid: member, bytes }];
  });
  return processes.length === 0 ? null : processes;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
