export type LogLevel = 'info' | 'error' | 'silent';

export interface Logger {
  info(fields: Record<string, unknown>): void;
  error(fields: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { info: 0, error: 1, silent: 2 };

/**
 * One JSON object per line on stdout. Callers pass only what may be logged: never variables or
 * documents, since their arguments can be birth dates.
 */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const emit = (severity: Exclude<LogLevel, 'silent'>, fields: Record<string, unknown>) => {
    if (RANK[severity] >= RANK[level]) write(`${JSON.stringify({ time: new Date().toISOString(), level: severity, ...fields })}\n`);
  };
  return { info: (fields) => emit('info', fields), error: (fields) => emit('error', fields) };
}
