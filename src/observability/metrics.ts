import cluster from 'node:cluster';
import { AggregatorRegistry, collectDefaultMetrics, Counter, Gauge, Histogram } from 'prom-client';

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** A worker waits this long for the primary's cluster-wide sums (prom-client's own timeout is 5 s). */
const CLUSTER_SCRAPE_TIMEOUT_MS = 6_000;
const SCRAPE_REQUEST = 'jpki:cluster-metrics-request';
const SCRAPE_RESPONSE = 'jpki:cluster-metrics-response';

interface ScrapeResponse {
  type: typeof SCRAPE_RESPONSE;
  id: number;
  text?: string;
  error?: string;
}

/**
 * The service's Prometheus metrics (prom-client), with Node's standard process metrics. Under
 * `WEB_CONCURRENCY` > 1 every worker's registry answers the primary's collection (prom-client's
 * AggregatorRegistry), and a scrape answered by any worker reports the sums over all workers.
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

  /** The text exposition: this process's metrics, or the whole cluster's when it is a worker. */
  render(): Promise<string> {
    return cluster.isWorker ? askPrimary() : this.registry.metrics();
  }
}

const pending = new Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>();
let nextScrapeId = 0;
let listening = false;

function askPrimary(): Promise<string> {
  if (!listening) {
    listening = true;
    process.on('message', (message: ScrapeResponse) => {
      if (message?.type !== SCRAPE_RESPONSE) return;
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (message.text !== undefined) waiting?.resolve(message.text);
      else waiting?.reject(new Error(`cluster metrics: ${message.error}`));
    });
  }
  const id = nextScrapeId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error('cluster metrics: the primary did not answer'));
    }, CLUSTER_SCRAPE_TIMEOUT_MS);
    pending.set(id, {
      resolve: (text) => (clearTimeout(timer), resolve(text)),
      reject: (error) => (clearTimeout(timer), reject(error)),
    });
    process.send!({ type: SCRAPE_REQUEST, id });
  });
}

/** In the cluster primary: answers a worker's scrape with every worker's metrics, summed. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: { type?: string; id?: number }) => {
    if (message?.type !== SCRAPE_REQUEST) return;
    const reply = (answer: Omit<ScrapeResponse, 'type' | 'id'>) => {
      if (worker.isConnected()) worker.send({ type: SCRAPE_RESPONSE, id: message.id, ...answer });
    };
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}
