/** Markdown the bench scripts write into docs/: tables, the machine, verdicts. */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export function table(header: string[], rows: (string | number)[][]): string {
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');

export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');

/** A CPU time in µs: one decimal below 100, whole above. */
export const micros = (value: number) => (Number.isFinite(value) ? value.toFixed(value < 100 ? 1 : 0) : 'n/a');

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

/** The 1-minute load average: other work on the machine shows in every measurement. */
export function loadAverage(): string {
  return loadavg()[0]!.toFixed(2);
}

/**
 * A warning for the top of a report when other work shared the cores (the 1-minute load average
 * above the core count at the start or the end of the run): its numbers then measure the machine.
 */
export function busyMachineWarning(loadAtStart: string): string {
  const cores = cpus().length;
  const peak = Math.max(Number(loadAtStart), loadavg()[0]!);
  if (peak <= cores) return '';
  return `> **The machine was busy during this run** (1-minute load average up to ${peak.toFixed(1)} on ${cores} cores):
> other processes took CPU from the servers and from the load generator, unevenly. Read these figures
> as a smoke test, not as a measurement; run again on an idle machine.

`;
}

/** The commit measured, marked when the work tree had uncommitted changes. */
function commit(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return 'unknown (no git)';
  const dirty = git('status', '--porcelain', '--untracked-files=no', '--', 'src').stdout.trim() !== '';
  return `${head.stdout.trim()}${dirty ? ' with uncommitted changes under src/' : ''}`;
}

/** The machine section of every report, naming the versions of `packages`. */
export function machine(packages: string[], loadAtStart: string): string {
  const cpu = cpus();
  return [
    `- Code: commit ${commit()}`,
    `- Load average (1 min): ${loadAtStart} at the start, ${loadAverage()} at the end; above the core count, other work shared the cores`,
    `- CPU: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
    `- Memory: ${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    `- OS: ${type()} ${release()}`,
    `- Node: ${process.version}`,
    `- ${packages.map((name) => `${name} ${packageVersion(name)}`).join(', ')}`,
  ].join('\n');
}

export function settingsLine(settings: Record<string, string>): string {
  return Object.entries(settings)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
}

/** Writes docs/<name> and prints it. */
export function writeDoc(name: string, text: string): void {
  writeFileSync(join(ROOT, 'docs', name), text);
  process.stdout.write(`\n${text}\nWritten to docs/${name}\n`);
}

export function progress(text: string): void {
  process.stderr.write(`${text}\n`);
}
