import type { Attributes, Context, Span, TextMapGetter, TextMapPropagator, Tracer } from '@opentelemetry/api';

// OpenTelemetry traces (docs/deployment.md, "Traces"): a span per request, continuing the caller's
// W3C `traceparent`, with the GraphQL steps and each SQL statement as children. Off unless the
// standard OTEL_EXPORTER_OTLP_* variables name a collector; then the SDK and its exporter are
// loaded (only then: the API and core packages alone hold about 25 MB), and nothing of them runs on
// a request otherwise. No global provider is registered: the
// request's span travels in its record, as every per-request thing does. Attributes are a fixed
// set chosen here (method, route, status, operation type, statement name); no variable, no
// document text, no argument ever becomes one, so no birth date can reach a collector.

/** The span a request's work hangs from. */
export interface RequestTrace {
  readonly span: Span;
  /** The context the request's child spans start in. */
  readonly context: Context;
}

/**
 * The request's headers as the W3C propagator reads them: `traceparent` only. Its ids and flags are
 * what a trace continues from; `tracestate` is the caller's free text, which the propagator would
 * copy onto every span exported (`dob=…` would reach the collector).
 */
const TRACEPARENT_ONLY: TextMapGetter<Readonly<Record<string, string | undefined>>> = {
  keys: () => ['traceparent'],
  get: (carrier, key) => (key === 'traceparent' ? carrier.traceparent : undefined),
};

type OpenTelemetryApi = typeof import('@opentelemetry/api');

export class Tracing {
  readonly #api: OpenTelemetryApi;
  readonly #tracer: Tracer;
  readonly #shutdown: () => Promise<void>;
  readonly #propagator: TextMapPropagator;

  private constructor(api: OpenTelemetryApi, propagator: TextMapPropagator, tracer: Tracer, shutdown: () => Promise<void>) {
    this.#api = api;
    this.#propagator = propagator;
    this.#tracer = tracer;
    this.#shutdown = shutdown;
  }

  /** Tracing into `tracer` (a provider's), loading the OpenTelemetry API and the W3C propagator now. */
  static async create(tracer: Tracer, shutdown: () => Promise<void>): Promise<Tracing> {
    const [api, { W3CTraceContextPropagator }] = await Promise.all([import('@opentelemetry/api'), import('@opentelemetry/core')]);
    return new Tracing(api, new W3CTraceContextPropagator(), tracer, shutdown);
  }

  /** The server span of one request, a child of the caller's when it sent a valid `traceparent` (its `tracestate` is dropped). */
  startRequest(method: string, route: string, headers: Readonly<Record<string, string | undefined>>): RequestTrace {
    const { ROOT_CONTEXT, SpanKind, trace } = this.#api;
    const parent = this.#propagator.extract(ROOT_CONTEXT, headers, TRACEPARENT_ONLY);
    const span = this.#tracer.startSpan(`${method} ${route}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': method, 'http.route': route } }, parent);
    return { span, context: trace.setSpan(parent, span) };
  }

  /** A span for one step of the request. */
  startChild(parent: RequestTrace, name: string, attributes: Attributes = {}): Span {
    return this.#tracer.startSpan(name, { kind: this.#api.SpanKind.INTERNAL, attributes }, parent.context);
  }

  /** Ends a request's span with the status it was answered with. */
  endRequest(request: RequestTrace, status: number): void {
    request.span.setAttribute('http.response.status_code', status);
    if (status >= 500) request.span.setStatus({ code: this.#api.SpanStatusCode.ERROR });
    request.span.end();
  }

  /** Sends what is buffered and stops. */
  shutdown(): Promise<void> {
    return this.#shutdown();
  }
}

type Environment = Readonly<Record<string, string | undefined>>;

/** Whether the standard variables ask for traces: a collector is named, and tracing is not turned off. */
function tracingRequested(env: Environment): boolean {
  if (env.OTEL_SDK_DISABLED === 'true' || env.OTEL_TRACES_EXPORTER === 'none') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

/** A whole positive number from a standard variable, or undefined to keep the SDK's default. */
function positive(env: Environment, name: string): number | undefined {
  const value = Number(env[name]);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * Traces sent over OTLP/HTTP to the collector the standard variables name (endpoint, headers,
 * timeout: read by the exporter itself), in batches; null when they name none.
 */
export async function tracingFromEnvironment(env: Environment, serviceName: string): Promise<Tracing | null> {
  if (!tracingRequested(env)) return null;
  const [{ TracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = await Promise.all([
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || serviceName }),
    spanProcessors: [
      // The batch processor's standard variables, which this SDK no longer reads itself. Its queue
      // holds at most OTEL_BSP_MAX_QUEUE_SIZE spans (2,048): past it, spans are dropped, not buffered.
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter(),
        scheduledDelayMillis: positive(env, 'OTEL_BSP_SCHEDULE_DELAY'),
        exportTimeoutMillis: positive(env, 'OTEL_BSP_EXPORT_TIMEOUT'),
        maxQueueSize: positive(env, 'OTEL_BSP_MAX_QUEUE_SIZE'),
        maxExportBatchSize: positive(env, 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE'),
      }),
    ],
  });
  return Tracing.create(provider.getTracer(serviceName), () => provider.shutdown());
}
