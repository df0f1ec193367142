import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** The primary asks a worker for its metrics, and the worker answers, over the cluster's IPC channel. */
const METRICS_QUESTION = 'jpki:metrics?';
const METRICS_ANSWER = 'jpki:metrics';
/**
 * How long the primary waits for a worker's metrics before it answers the scrape without them: a
 * worker whose event loop is stuck must not take every other worker's metrics with it (Prometheus'
 * own scrape timeout is 10 s by default).
 */
const WORKER_METRICS_DEADLINE_MS = 2_000;

type WorkerMetrics = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;

/**
 * The service's Prometheus metrics (prom-client), with Node's standard process metrics. Under
 * `WEB_CONCURRENCY` > 1 every worker answers the primary's question with its registry, and the
 * primary serves the sums over the workers that answered in time (clusterMetrics).
 */
export class Metrics {
  private readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route, status and cache outcome.',
    labelNames: ['path', 'status', 'cache'] as const,
    registers: [this.registry],
  });
  readonly rejections = new Counter({ name: 'graphql_errors_total', help: 'GraphQL errors returned, by extensions.code.', labelNames: ['code'] as const, registers: [this.registry] });
  readonly sqlStatements = new Counter({ name: 'sqlite_statements_total', help: 'SQL statements run on the serving connection.', registers: [this.registry] });
  private readonly duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request to response.',
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    if (cluster.isWorker) {
      process.on('message', (message: { type?: string; id?: number }) => {
        if (message?.type !== METRICS_QUESTION) return;
        // A collector that fails is answered as no metrics (the primary counts the worker as not
        // reporting), never left as an unhandled rejection that would end the worker.
        void this.registry
          .getMetricsAsJSON()
          .catch(() => null)
          // A primary gone meanwhile is no error here (Node ends a worker whose channel closes): the
          // callback keeps a failed send from becoming an unhandled EPIPE.
          .then((metrics) => process.send?.({ type: METRICS_ANSWER, id: message.id, metrics }, undefined, undefined, () => {}));
      });
    }
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  observeDuration(seconds: number): void {
    this.duration.observe(seconds);
  }

  /** A gauge read when scraped (summed over workers in a cluster). */
  gauge(name: string, help: string, read: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }

  /** The text exposition of this process's metrics. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}

/** One worker's metrics, or null when it does not answer within `deadlineMs` or goes away first. */
function askWorker(worker: Worker, id: number, deadlineMs: number): Promise<WorkerMetrics | null> {
  return new Promise((resolve) => {
    const done = (metrics: WorkerMetrics | null) => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('disconnect', onGone);
      resolve(metrics);
    };
    const onMessage = (message: { type?: string; id?: number; metrics?: WorkerMetrics | null }) => {
      if (message?.type === METRICS_ANSWER && message.id === id) done(message.metrics ?? null);
    };
    const onGone = () => done(null);
    const timer = setTimeout(onGone, deadlineMs);
    worker.on('message', onMessage);
    worker.once('disconnect', onGone);
    worker.send({ type: METRICS_QUESTION, id });
  });
}

/**
 * In a cluster's primary: every worker's metrics, asked for over IPC and summed (prom-client's
 * aggregation), with how many workers there are, how many answered in time, and the primary's own
 * resident memory. prom-client's own
 * collection (`clusterMetrics`) fails the whole scrape after 5 s when one worker does not answer.
 * A worker that is late is summed with its last answer, so no counter seems to go back (Prometheus
 * would read a reset) while it is stuck; a worker that is gone is summed no more.
 */
export function clusterMetrics(): { contentType: string; render(): Promise<string> } {
  let question = 0;
  const lastAnswers = new Map<number, WorkerMetrics>();
  return {
    contentType: Registry.PROMETHEUS_CONTENT_TYPE,
    async render() {
      const id = question++;
      const workers = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker?.isConnected() === true);
      const answers = await Promise.all(workers.map((worker) => askWorker(worker, id, WORKER_METRICS_DEADLINE_MS)));
      for (const workerId of lastAnswers.keys()) if (!workers.some((worker) => worker.id === workerId)) lastAnswers.delete(workerId);
      workers.forEach((worker, index) => answers[index] !== null && lastAnswers.set(worker.id, answers[index]!));
      const registry = AggregatorRegistry.aggregate([...lastAnswers.values()]);
      new Gauge({ name: 'cluster_workers', help: 'Workers connected to the primary when scraped.', registers: [registry] }).set(workers.length);
      new Gauge({
        name: 'cluster_workers_reporting',
        help: `Workers that answered within ${WORKER_METRICS_DEADLINE_MS} ms: the others are summed with their last answer, if any.`,
        registers: [registry],
      }).set(answers.filter((metrics) => metrics !== null).length);
      // The primary is in no sum: it serves no request, yet holds memory of its own (about 100 MB).
      new Gauge({
        name: 'cluster_primary_resident_memory_bytes',
        help: "Resident memory of the primary, which supervises the workers; process_resident_memory_bytes is the sum of the workers' only.",
        registers: [registry],
      }).set(process.memoryUsage.rss());
      return registry.metrics();
    },
  };
}
