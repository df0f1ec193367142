import { createServer, type IncomingMessage } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tracing } from '../src/observability/tracing.ts';
import { createTestApp } from './support/app.ts';
import { startServer, type ServerProcess } from './support/server-process.ts';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`;
const BIRTH_DATE = '1966-06-16';
const COMPUTATION = {
  query: 'query Validity($i: CertificateValidityInput!) { certificateValidity(input: $i) { userAuthentication { expiresOn } signature { certificateType { name { ja } } } } }',
  variables: { i: { birthDate: BIRTH_DATE, issuedOn: '2020-05-15' } },
};

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
const inMemory = await Tracing.create(provider.getTracer('test'), () => provider.shutdown());

describe('traces, exported in memory', () => {
  const app = createTestApp({ tracing: inMemory });

  it('gives a request one span, continuing the caller\'s traceparent, with the GraphQL steps and the SQL statements as its children', async () => {
    exporter.reset();
    const response = await app.request({ method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', traceparent: TRACEPARENT }, body: JSON.stringify(COMPUTATION) });
    expect(response.status).toBe(200);
    const spans = exporter.getFinishedSpans();
    const root = spans.find((span) => span.name === 'POST /graphql')!;
    expect(root.spanContext().traceId).toBe(TRACE_ID);
    expect(root.parentSpanContext?.spanId).toBe(CALLER_SPAN_ID);
    expect(root.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/graphql', 'http.response.status_code': 200 });
    const children = spans.filter((span) => span.parentSpanContext?.spanId === root.spanContext().spanId).map((span) => span.name);
    expect(children).toEqual(expect.arrayContaining(['graphql.parse', 'graphql.validate', 'graphql.execute']));
    expect(children.some((name) => name.startsWith('sqlite '))).toBe(true);
    expect(spans.every((span) => span.spanContext().traceId === TRACE_ID)).toBe(true);
  });

  it('puts no personal input in any span, and leaves out the name of an operation that takes one', async () => {
    exporter.reset();
    await app.graphql(COMPUTATION.query, COMPUTATION.variables);
    const spans = exporter.getFinishedSpans();
    expect(spans.length).toBeGreaterThan(3);
    expect(JSON.stringify(spans.map((span) => ({ name: span.name, attributes: span.attributes, events: span.events })))).not.toContain(BIRTH_DATE);
    expect(spans.find((span) => span.name === 'graphql.execute')!.attributes).toEqual({ 'graphql.operation.type': 'query' });
  });

  it("says on the validation's span whether the document was valid, and runs no execution for one that is not", async () => {
    exporter.reset();
    await app.graphql('{ certificateTypes { kind } }');
    await app.graphql('{ certificateTypes { noSuchField } }');
    const steps = exporter.getFinishedSpans().filter((span) => span.name.startsWith('graphql.'));
    expect(steps.map((span) => [span.name, span.attributes['graphql.validation.valid']])).toEqual([
      ['graphql.parse', undefined],
      ['graphql.validate', true],
      ['graphql.execute', undefined],
      ['graphql.parse', undefined],
      ['graphql.validate', false],
    ]);
  });

  it('starts a new trace when the request has no traceparent, and traces no probe', async () => {
    exporter.reset();
    await app.request({ url: '/health' });
    await app.graphql('query Kinds { certificateTypes { kind } }');
    const root = exporter.getFinishedSpans().filter((span) => span.kind === 1);
    expect(root.map((span) => span.name)).toEqual(['POST /graphql']);
    expect(root[0]!.parentSpanContext).toBeUndefined();
    expect(exporter.getFinishedSpans().find((span) => span.name === 'graphql.execute')!.attributes).toEqual({ 'graphql.operation.type': 'query', 'graphql.operation.name': 'Kinds' });
  });
});

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  traceState?: string;
  name: string;
  attributes?: { key: string; value: Record<string, unknown> }[];
}

/** A collector of our own: OTLP/HTTP with JSON bodies, as the exporter sends them. */
function otlpReceiver() {
  const bodies: string[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.url === '/v1/traces') bodies.push(body);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const listening = new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
  const spans = (): OtlpSpan[] =>
    bodies.flatMap((body) => (JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] }).resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)));
  return { listening, bodies, spans, close: () => server.close() };
}

describe('traces, sent to an OTLP/HTTP collector by a server process', () => {
  const receiver = otlpReceiver();
  const directory = mkdtempSync(join(tmpdir(), 'jpki-otlp-'));
  let server: ServerProcess;

  beforeAll(async () => {
    const endpoint = await receiver.listening;
    server = await startServer({ DATABASE_PATH: join(directory, 'jpki.db'), OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: '50', RATE_LIMIT_PER_MINUTE: '0' });
  }, 60_000);

  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
    receiver.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** Sends `body` under the trace `traceId` and waits until the collector has its execution's span. */
  async function traced(traceId: string, body: unknown, headers: Record<string, string> = {}): Promise<OtlpSpan[]> {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${CALLER_SPAN_ID}-01`, ...headers }, body: JSON.stringify(body) });
    expect(response.status).toBe(200);
    await expect.poll(() => receiver.spans().some((span) => span.traceId === traceId && span.name === 'graphql.execute'), { timeout: 10_000 }).toBe(true);
    return receiver.spans().filter((span) => span.traceId === traceId);
  }

  it('exports the request\'s span tree under the caller\'s trace, with no birth date in it', async () => {
    const spans = await traced(TRACE_ID, COMPUTATION);
    const root = spans.find((span) => span.name === 'POST /graphql')!;
    expect(root.parentSpanId).toBe(CALLER_SPAN_ID);
    expect(spans.filter((span) => span.parentSpanId === root.spanId).map((span) => span.name)).toEqual(expect.arrayContaining(['graphql.parse', 'graphql.validate', 'graphql.execute']));
    expect(receiver.bodies.join('')).not.toContain(BIRTH_DATE);
  }, 30_000);

  it('leaves out the name of an operation sent with variables it does not declare', async () => {
    const traceId = '5bf92f3577b34da6a3ce929d0e0e4736';
    const spans = await traced(traceId, { query: 'query Undeclared { notices { key } }', variables: { x: '2001-05-09' } });
    const execute = spans.find((span) => span.name === 'graphql.execute')!;
    expect(execute.attributes?.map((attribute) => attribute.key)).toEqual(['graphql.operation.type']);
    expect(receiver.bodies.join('')).not.toContain('Undeclared');
    expect(receiver.bodies.join('')).not.toContain('2001-05-09');
  }, 30_000);

  it('keeps the caller\'s trace id and parent but not its tracestate', async () => {
    const traceId = '6bf92f3577b34da6a3ce929d0e0e4736';
    const spans = await traced(traceId, { query: '{ notices { key } }' }, { tracestate: 'dob=2001-05-06' });
    expect(spans.find((span) => span.name === 'POST /graphql')!.parentSpanId).toBe(CALLER_SPAN_ID);
    expect(spans.map((span) => span.traceState ?? '')).toEqual(spans.map(() => ''));
    expect(receiver.bodies.join('')).not.toContain('2001-05-06');
  }, 30_000);
});
