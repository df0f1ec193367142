
export type LogLevel = 'info' | 'error' | 'silent';

/** The request log line: every field typed, and nothing from the client uncapped. */
export interface RequestLogLine {
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  operationName: string | null;
  persistedId: string | null;
  cost: number | null;
  /** The operation ran compiled (graphql-jit). */
  compiled: boolean;
  cache: string | null;
  /** `extensions.code` of each GraphQL error: codes only, never messages (they may quote input). */
  errors: readonly string[];
}

/** Operational events (start, stop, a worker restarted): values the process itself chose. */
export type EventFields = Readonly<Record<string, string | number | boolean | null>>;

export interface Logger {
  request(line: RequestLogLine): void;
  info(msg: string, fields?: EventFields): void;
  error(msg: string, fields?: EventFields): void;
  /** A fault of ours: its class and stack frames, without the message line (a message can quote input). */
  internalError(requestId: string | null, error: unknown): void;
}

/** Longest text taken from a client into a log line (operation names, persisted ids). */
const MAX_CLIENT_TEXT = 128;

function capped(text: string | null): string | null {
  return text === null || text.length <= MAX_CLIENT_TEXT ? text : `${text.slice(0, MAX_CLIENT_TEXT)}…`;
}

function stackFrames(error: unknown): string | null {
  if (!(error instanceof Error) || error.stack === undefined) return null;
  return error.stack.split('\n').filter((line) => line.trimStart().startsWith('at ')).join('\n');
}

const LEVELS = { info: 30, error: 50 } as const;

/** The time of a line, formatted once per millisecond however many lines share it. */
function clockText(): () => string {
  let millisecond = 0;
  let text = '';
  return () => {
    const now = Date.now();
    if (now !== millisecond) {
      millisecond = now;
      text = new Date(now).toISOString();
    }
    return text;
  };
}

/** Beyond this many characters waiting, lines are written at once rather than at the end of the turn. */
const BATCH_MAX_CHARACTERS = 64 * 1024;

/**
 * Stdout, written once per turn of the event loop with every line that turn produced: one write
 * per request cost about 5% of a cached answer's time under load (docs/library-choices.md).
 * Stdout to a file or a pipe is synchronous on Linux, so what is left at exit is written then.
 */
function batchedStdout(): { write(line: string): void } {
  let pending = '';
  let scheduled = false;
  let closed = false;
  const flush = () => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    if (!closed) process.stdout.write(text);
  };
  process.on('exit', flush);
  // The reader went away (a log shipper that exited): the process serves on without its log,
  // rather than dying of the write's error, and says so once where it still can.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    pending = '';
    process.stderr.on('error', () => {});
    process.stderr.write(`${JSON.stringify({ level: 'error', time: new Date().toISOString(), msg: 'stdout is closed; log lines are dropped from now on', code: error.code ?? null })}\n`);
  });
  return {
    write(line) {
      pending += line;
      if (pending.length >= BATCH_MAX_CHARACTERS) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
  };
}

/** One batch for the whole process, however many loggers write to stdout. */
let stdout: { write(line: string): void } | undefined;

/**
 * One JSON object per line, built field by field from the shapes above: a log line cannot carry a
 * variable, a document or an error message, since no field takes one. Hand-written rather than
 * pino: pino's own serializer cost 2 µs a request, a quarter of a cached answer's time in the
 * front (docs/library-choices.md); V8's JSON.stringify does the same job in a fraction of that.
 */
export function createLogger(level: LogLevel, destination: { write(line: string): unknown } = (stdout ??= batchedStdout())): Logger {
  const threshold = level === 'silent' ? Infinity : LEVELS[level];
  const time = clockText();
  const emit = (severity: 'info' | 'error', fields: object) => {
    if (LEVELS[severity] >= threshold) destination.write(`{"level":"${severity}","time":"${time()}",${JSON.stringify(fields).slice(1)}\n`);
  };
  return {
    request: (line) =>
      emit('info', {
        requestId: line.requestId,
        method: line.method.slice(0, 16),
        path: capped(line.path),
        status: line.status,
        durationMs: line.durationMs,
        operationName: capped(line.operationName),
        persistedId: capped(line.persistedId),
        cost: line.cost,
        compiled: line.compiled,
        cache: line.cache,
        errors: line.errors.length > 0 ? line.errors : undefined,
      }),
    info: (msg, fields = {}) => emit('info', { msg, ...fields }),
    error: (msg, fields = {}) => emit('error', { msg, ...fields }),
    internalError: (requestId, error) => emit('error', { msg: 'unexpected error', requestId, errorClass: error instanceof Error ? error.name : typeof error, stack: stackFrames(error) }),
  };
}
