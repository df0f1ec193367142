/** A small Prometheus text-format registry: counters with labels and one latency histogram. */

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`).join(',')}}`;
}

class Counter {
  readonly values = new Map<string, number>();
  readonly name: string;
  readonly help: string;

  constructor(name: string, help: string) {
    this.name = name;
    this.help = help;
  }

  inc(labels: Record<string, string> = {}, by = 1): void {
    const key = labelText(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (this.values.size === 0) lines.push(`${this.name} 0`);
    for (const [labels, value] of this.values) lines.push(`${this.name}${labels} ${value}`);
    return lines.join('\n');
  }
}

export class Metrics {
  readonly requests = new Counter('http_requests_total', 'HTTP requests answered, by route, status and cache outcome.');
  readonly rejections = new Counter('graphql_errors_total', 'GraphQL errors returned, by extensions.code.');
  readonly sqlStatements = new Counter('sqlite_statements_total', 'SQL statements run on the serving connection.');
  private readonly bucketCounts = new Array<number>(DURATION_BUCKETS.length).fill(0);
  private durationSum = 0;
  private durationCount = 0;
  /** Gauges read when scraped. */
  private readonly gauges: (() => string)[] = [];

  observeDuration(seconds: number): void {
    for (let i = 0; i < DURATION_BUCKETS.length; i++) if (seconds <= DURATION_BUCKETS[i]!) this.bucketCounts[i]!++;
    this.durationSum += seconds;
    this.durationCount++;
  }

  gauge(name: string, help: string, read: () => number): void {
    this.gauges.push(() => `# HELP ${name} ${help}\n# TYPE ${name} gauge\n${name} ${read()}`);
  }

  render(): string {
    const histogram = [
      '# HELP http_request_duration_seconds Time from request to response.',
      '# TYPE http_request_duration_seconds histogram',
      ...DURATION_BUCKETS.map((le, i) => `http_request_duration_seconds_bucket{le="${le}"} ${this.bucketCounts[i]}`),
      `http_request_duration_seconds_bucket{le="+Inf"} ${this.durationCount}`,
      `http_request_duration_seconds_sum ${this.durationSum}`,
      `http_request_duration_seconds_count ${this.durationCount}`,
    ].join('\n');
    return `${[this.requests.render(), this.rejections.render(), this.sqlStatements.render(), histogram, ...this.gauges.map((g) => g())].join('\n')}\n`;
  }
}
