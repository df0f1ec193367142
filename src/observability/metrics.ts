import cluster from 'node:cluster';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram } from 'prom-client';

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * The service's Prometheus metrics (prom-client), with Node's standard process metrics. Under
 * `WEB_CONCURRENCY` > 1 every worker's registry answers the primary's collection (prom-client's
 * AggregatorRegistry), and the primary serves the sums over all workers (clusterMetrics).
 */
export class Metrics {
  /** An AggregatorRegistry is a Registry that, in a cluster worker, also answers the primary. */
  private readonly registry = new AggregatorRegistry();
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
    if (cluster.isWorker) AggregatorRegistry.setRegistries([this.registry]);
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

/** In a cluster's primary: every worker's metrics, collected over IPC and summed (prom-client). */
export function clusterMetrics(): { contentType: string; render(): Promise<string> } {
  const aggregator = new AggregatorRegistry();
  return { contentType: aggregator.contentType, render: () => aggregator.clusterMetrics() };
}
