/**
 * The child side of a server the benchmark forks (the baseline and the peers): it reports its port
 * over IPC once listening, and exits when the benchmark stops it or is gone (even killed).
 */

/** The database path the parent passes as the first argument. */
export function databasePathArgument(): string {
  const path = process.argv[2];
  if (!path) throw new Error('usage: node bench/peers/<server>.ts <database path>');
  return path;
}

export function announcePort(port: number): void {
  process.send?.({ port });
}

process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
