/**
 * `WEB_CONCURRENCY` > 1: the first process forks that many workers, which share the port and the
 * read-only database file. It prepares the file while they load the application, restarts workers
 * that die with a growing delay, serves the sum of their metrics on METRICS_PORT, and stops them
 * all (each draining) on a stop signal.
 */
import cluster from 'node:cluster';
import type { Config } from './config.ts';
import { startMetricsServer } from './http/metrics-server.ts';
import { announce, listenFailure, listeningUrl, type Endpoint } from './listening.ts';
import type { Logger } from './observability/logger.ts';
import { clusterMetrics } from './observability/metrics.ts';
import { RestartBackoff } from './restart-backoff.ts';

/** A worker asks whether the database file is prepared; the primary answers once it is. */
const DATABASE_QUESTION = 'jpki:database-prepared?';
const DATABASE_ANSWER = 'jpki:database-prepared';
/** How long past SHUTDOWN_TIMEOUT_MS a worker has to exit once its own deadline has cut its connections. */
const WORKER_EXIT_GRACE_MS = 1_000;
/** No inspector on SIGUSR1 in a worker, whatever the primary was started with. */
const WORKER_FLAGS = ['--disable-sigusr1'];

/** A message to a primary that has gone: nothing to do, the worker is ending (see databasePrepared). */
const ignoreClosedChannel = (): void => {};

/** In a worker: resolves when the primary says the database file is migrated and seeded. */
export function databasePrepared(): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (message: { type?: string }) => {
      if (message?.type !== DATABASE_ANSWER) return;
      process.off('message', onMessage);
      resolve();
    };
    process.on('message', onMessage);
    // A primary gone (it could not start) is no error of this worker's: Node ends a worker whose
    // channel closes, and a send already under way must not print an unhandled EPIPE first.
    process.send!({ type: DATABASE_QUESTION }, undefined, undefined, ignoreClosedChannel);
  });
}

export interface Supervision {
  config: Config;
  logger: Logger;
  fail: (message: string) => never;
  prepareDatabase: () => Promise<void>;
  metricsEndpoint: Endpoint;
  stopSignals: readonly NodeJS.Signals[];
}

/** In the primary: forks the workers and supervises them until a stop signal. */
export function superviseWorkers({ config, logger, fail, prepareDatabase, metricsEndpoint, stopSignals }: Supervision): void {
  cluster.setupPrimary({ execArgv: [...new Set([...process.execArgv, ...WORKER_FLAGS])] });
  const backoff = new RestartBackoff();
  const startedAt = new Map<number, number>();
  const restarts = new Set<NodeJS.Timeout>();
  const fork = () => startedAt.set(cluster.fork().id, Date.now());
  // Forked first, so the workers load the application while the file is prepared.
  for (let i = 0; i < config.webConcurrency; i++) fork();
  const databaseReady = prepareDatabase();
  cluster.on('message', (worker, message: { type?: string }) => {
    if (message?.type === DATABASE_QUESTION) void databaseReady.then(() => worker.isConnected() && worker.send({ type: DATABASE_ANSWER }));
  });
  void startMetricsServer(clusterMetrics(), metricsEndpoint.port, metricsEndpoint.host, logger).then(
    ({ port }) => announce('metrics listening', { url: listeningUrl(metricsEndpoint.host, port, '/metrics') }),
    (error: NodeJS.ErrnoException) => fail(listenFailure(error, metricsEndpoint)),
  );

  let stopping = false;
  let exitCode = 0;
  const exitWhenAllStopped = () => {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
  };
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const restart of restarts) clearTimeout(restart);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    // A worker still there past its own deadline (stuck, or stopped by a signal) is killed: one
    // worker must not keep the service, and its port, up for ever. The exit code then says so.
    setTimeout(() => {
      const left = Object.values(cluster.workers ?? {}).flatMap((worker) => (worker ? [worker] : []));
      if (left.length === 0) return;
      logger.error('workers not stopped by SHUTDOWN_TIMEOUT_MS; killing them', { pids: left.map((worker) => worker.process.pid ?? '?').join(', '), timeoutMs: config.shutdownTimeoutMs });
      exitCode = 1;
      for (const worker of left) worker.process.kill('SIGKILL');
    }, config.shutdownTimeoutMs + WORKER_EXIT_GRACE_MS).unref();
    // Every worker may be dead already, waiting for its restart.
    exitWhenAllStopped();
  };
  for (const signal of stopSignals) process.on(signal, stop);
  cluster.on('message', (_worker, message: { cannotListen?: string }) => {
    if (typeof message?.cannotListen !== 'string' || stopping) return;
    console.error(message.cannotListen);
    exitCode = 1;
    stop();
  });
  // Node leaves a worker in cluster.workers at its exit while its IPC channel is still open, and
  // removes it at the channel's disconnect: the last worker's exit may come first, so both count.
  cluster.on('disconnect', () => {
    if (stopping) exitWhenAllStopped();
  });
  cluster.on('exit', (worker, code, signal) => {
    const livedMs = Date.now() - (startedAt.get(worker.id) ?? Date.now());
    startedAt.delete(worker.id);
    if (stopping) return exitWhenAllStopped();
    // Backoff, so workers that die at start (a port taken, a broken host) cannot fork in a tight loop.
    const restartInMs = backoff.next(livedMs);
    logger.error('worker exited; starting another', { pid: worker.process.pid ?? null, code, signal, livedMs, restartInMs });
    const restart = setTimeout(() => {
      restarts.delete(restart);
      fork();
    }, restartInMs);
    restarts.add(restart);
  });
}
