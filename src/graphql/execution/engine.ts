import type { Attributes, Span } from '@opentelemetry/api';
import { getOperationAST, GraphQLError, type DocumentNode, type ExecutionResult } from 'graphql';
import { createYoga } from 'graphql-yoga';
import type { Logger } from '../../observability/logger.ts';
import type { Tracing } from '../../observability/tracing.ts';
import { ErrorCode, rateLimitedError, REQUEST_REFUSED, refusedRequestError } from '../errors.ts';
import type { Context } from '../schema/builder.ts';
import { schema } from '../schema/schema.ts';
import { formatAnswer } from './answer-format.ts';
import { checkOperationCount, limitPlugins, operationCost, type ExecutionLimits } from './limits.ts';
import { createMaskError, type ServiceFault } from './mask-error.ts';
import { OperationCatalog, useCompiledOperations } from './operation-catalog.ts';
import { variableMayHoldDate } from './free-text.ts';
import { deprecatedInputFields, type Deprecation, type OperationFacts } from './operation-facts.ts';
import type { RequestRecord } from './request-record.ts';
import { unquotedSyntaxError, withoutNamesHoldingDigits } from './syntax-errors.ts';

/** One GraphQL request as the front read it. */
export interface OperationRequest {
  document: string;
  operationName: string | null;
  variables: Record<string, unknown>;
}

/** The answer, and what the front decides caching, logging and headers from. */
export interface GraphQLAnswer {
  status: number;
  /** Headers the answer asks for (`retry-after` of a 503). */
  headers: Record<string, string>;
  body: string;
  /**
   * The operation names personal data (schema marks, operation-facts.ts), sends variables it does not declare,
   * or was refused before validation passed it (its document is not read for facts): never cached, its name never logged.
   */
  personalData: boolean;
  deprecations: readonly Deprecation[];
}

/** How the request came: what the answer's status and the operations allowed depend on. */
export interface RequestMode {
  /** The client accepts only `application/json`: request errors are answered 200, as the GraphQL-over-HTTP spec asks. */
  legacyJson: boolean;
  /** Sent by a method that must not change anything (GET): only queries run; anything else is answered 405. */
  readOnly: boolean;
}

/** Why the client's budget does not cover an operation's cost, and when it will. */
export interface CostRefusal {
  message: string;
  retryAfterSeconds: number;
}

/** Charges an operation's estimated cost, once known, to the client's budget (the front's rate limit) before it runs: null when the budget covers it. */
export type CostCharge = (cost: number) => Promise<CostRefusal | null>;

export interface EngineOptions {
  limits: ExecutionLimits;
  /** No "Did you mean …?" in error messages (production). */
  hideSuggestions: boolean;
  /** Compile an operation with graphql-jit once it has been answered cleanly twice. */
  compileOperations: boolean;
  /** Memory the parsed and compiled operations may take, in bytes. */
  operationCacheBytes: number;
  /** The schema's version (CHANGELOG.md), in every answer's `extensions.schemaVersion`. */
  schemaVersion: string;
  createContext: (record: RequestRecord) => Context;
  serviceFault: ServiceFault;
  logger: Logger;
  /** Spans for parse, validation and execution of traced requests; null when tracing is off. */
  tracing: Tracing | null;
}

const PARSE_FAILED = { code: ErrorCode.GRAPHQL_PARSE_FAILED, http: REQUEST_REFUSED };

/** What parse and validation throw (armor refuses by throwing; a syntax error is thrown), as errors to answer with. */
function thrownErrors(thrown: unknown, uncoded: Record<string, unknown>): GraphQLError[] {
  if (!(thrown instanceof GraphQLError)) throw thrown;
  if (thrown.extensions.code === undefined) Object.assign(thrown.extensions as Record<string, unknown>, uncoded);
  return [thrown];
}

/** Validation's errors, the refusals armor throws among them. */
function validationErrorsOf(validate: () => readonly GraphQLError[]): readonly GraphQLError[] {
  try {
    return validate();
  } catch (thrown) {
    return thrownErrors(thrown, { code: ErrorCode.GRAPHQL_VALIDATION_FAILED, http: REQUEST_REFUSED });
  }
}

/**
 * The request's operation names personal data, or is sent with variables it does not declare, or one whose value may hold
 * a date (no schema mark describes either): its answer is never cached, and neither its log line nor its trace names it.
 */
function takesPersonalData(request: OperationRequest, facts: OperationFacts): boolean {
  if (facts.namesPersonalData) return true;
  const declared = facts.declaredVariables.get(request.operationName ?? facts.declaredVariables.keys().next().value ?? '');
  for (const name in request.variables) if (!declared?.has(name) || variableMayHoldDate(request.variables[name], facts.freeTextVariables.has(name))) return true;
  return false;
}

/** The span of one step (parse, validation, execution) of a traced request; null when the request is not traced. */
function stepSpans(tracing: Tracing | null) {
  return (record: RequestRecord, name: string, attributes?: Attributes): Span | null => (tracing !== null && record.trace !== null ? tracing.startChild(record.trace, name, attributes) : null);
}

/**
 * GraphQL execution: Yoga's engine (its envelop, with graphql-armor and our plugins), called by
 * the HTTP front for each request's operation, as Yoga's own request pipeline does after it has
 * read the HTTP request (docs/architecture.md says why the front, not Yoga, reads HTTP). Parse,
 * validation, the checks before execution and execution itself each happen once; every answer
 * leaves through one formatter.
 */
export function createEngine(options: EngineOptions) {
  const { limits } = options;
  const catalog = new OperationCatalog(schema, { maxBytes: options.operationCacheBytes, compile: options.compileOperations });
  const maskError = createMaskError(options.serviceFault);
  const startStep = stepSpans(options.tracing);
  const yoga = createYoga<Context>({
    schema,
    logging: false,
    // One formatter masks every error, whatever step raised it (answer-format.ts).
    maskedErrors: false,
    graphiql: false,
    landingPage: false,
    cors: false,
    batching: false,
    parserAndValidationCache: catalog.yogaCaches(),
    plugins: [
      ...limitPlugins(limits, options.hideSuggestions),
      useCompiledOperations(catalog),
    ],
  });

  /**
   * Parses, checks the cost, validates and executes. `facts` are those of a document validation passed, null for
   * one refused before (its answer is then decided as naming personal data, failing closed).
   */
  async function execute(request: OperationRequest, record: RequestRecord, readOnly: boolean, chargeCost: CostCharge | null): Promise<{ result: ExecutionResult; document: DocumentNode | null; facts: OperationFacts | null }> {
    // The context is made here, not by Yoga's `context` option (a hook, closures and promises per request): the record now, its data before execution.
    const enveloped = yoga.getEnveloped({ record } as Context);
    let document: DocumentNode;
    const parsing = startStep(record, 'graphql.parse');
    try {
      document = enveloped.parse(request.document);
    } catch (thrown) {
      return { result: { errors: thrownErrors(thrown, PARSE_FAILED).map(unquotedSyntaxError) }, document: null, facts: null };
    } finally {
      parsing?.end();
    }
    const operation = getOperationAST(document, request.operationName);
    if (readOnly && operation && operation.operation !== 'query') {
      const message = 'Only queries may be sent with GET; send other operations with POST.';
      return { result: { errors: [new GraphQLError(message, { extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 405, headers: { allow: 'POST' } } } })] }, document, facts: null };
    }
    const entry = catalog.entryOf(document);
    let facts = entry?.facts ?? null;
    // The operation count and the cost before validation: a document over a limit costs its refusal only.
    const tooManyOperations = facts === null ? checkOperationCount(document, limits.maxOperations) : null;
    if (tooManyOperations) return { result: { errors: [tooManyOperations] }, document, facts };
    const cost = operation ? operationCost(enveloped.schema, document, request.operationName, request.variables, limits.maxCost, entry) : 0;
    if (cost instanceof GraphQLError) return { result: { errors: [cost] }, document, facts };
    if (facts === null) {
      const validating = startStep(record, 'graphql.validate');
      let validationErrors: readonly GraphQLError[] | null = null;
      try {
        validationErrors = validationErrorsOf(() => enveloped.validate(enveloped.schema, document));
      } finally {
        validating?.setAttribute('graphql.validation.valid', validationErrors?.length === 0);
        validating?.end();
      }
      if (validationErrors.length > 0) return { result: { errors: validationErrors.map(withoutNamesHoldingDigits) }, document, facts: null };
      facts = catalog.admit(document, request.document);
    }
    if (!operation) {
      const message = request.operationName === null ? 'The document has several operations: name one in `operationName`.' : 'No operation of the document has this `operationName`.';
      return { result: { errors: [refusedRequestError(message, ErrorCode.OPERATION_RESOLUTION_FAILURE)] }, document, facts };
    }
    if (!enveloped.schema.getRootType(operation.operation)) {
      return { result: { errors: [refusedRequestError(`This API answers queries only; it has no ${operation.operation}s.`, ErrorCode.BAD_REQUEST)] }, document, facts };
    }
    record.cost = cost;
    record.operationName = operation.name?.value ?? null;
    const refusal = chargeCost === null ? null : await chargeCost(cost);
    if (refusal !== null) return { result: { errors: [rateLimitedError(refusal.message, refusal.retryAfterSeconds)] }, document, facts };
    // Data bound after the last wait (the cost's charge, on Redis): a file swapped during it mixed old rows and new rules (a race probe).
    const contextValue = Object.assign(await enveloped.contextFactory(), options.createContext(record));
    // The operation's name is a span attribute only when its name may be logged (it is the client's text).
    const executing = startStep(record, 'graphql.execute', {
      'graphql.operation.type': operation.operation,
      ...(record.operationName !== null && !takesPersonalData(request, facts) ? { 'graphql.operation.name': record.operationName } : {}),
    });
    try {
      const result = (await enveloped.execute({ schema: enveloped.schema, document, operationName: request.operationName, variableValues: request.variables, contextValue })) as ExecutionResult;
      return { result, document, facts };
    } finally {
      executing?.end();
    }
  }

  /** Personal data, deprecations: read from the schema's marks on the parsed operation. */
  function decisions(request: OperationRequest, facts: OperationFacts | null): Pick<GraphQLAnswer, 'personalData' | 'deprecations'> {
    if (facts === null) return { personalData: true, deprecations: [] };
    const deprecations = [...facts.deprecations];
    for (const [name, type] of facts.inputObjectVariables) deprecatedInputFields(type, request.variables[name], deprecations);
    return { personalData: takesPersonalData(request, facts), deprecations };
  }

  /** Every answer's `extensions` (docs/api-contract.md §7): the cost measured before it ran (null if it never was), the limit, the schema's version. */
  const answerExtensions = (requested: number | null) => ({ cost: { requested, limit: limits.maxCost }, schemaVersion: options.schemaVersion });

  function format(result: ExecutionResult, record: RequestRecord, mode: RequestMode) {
    const formatted = formatAnswer(result, {
      legacyJson: mode.legacyJson,
      mask: (error) => maskError(error, 'Unexpected error.') as GraphQLError,
      extensions: answerExtensions(record.cost),
      requestId: record.id,
    });
    record.errorCodes.push(...formatted.errorCodes);
    for (const fault of formatted.faults) options.logger.internalError(record.id, fault);
    return formatted;
  }

  return {
    /** The `extensions` of an answer refused before any operation was measured (the front's refusals): every answer's, with no cost. */
    refusalExtensions: answerExtensions(null),
    /** Answers one operation; `chargeCost`, when given, may refuse it by its cost before it runs. */
    async answer(request: OperationRequest, record: RequestRecord, mode: RequestMode, chargeCost: CostCharge | null = null): Promise<GraphQLAnswer> {
      const { result, document, facts } = await execute(request, record, mode.readOnly, chargeCost);
      const formatted = format(result, record, mode);
      if (document !== null && formatted.errorCodes.length === 0) catalog.learn(document, request.operationName);
      return { status: formatted.status, headers: formatted.headers, body: formatted.body, ...decisions(request, facts) };
    },
    /** A request refused before it has an operation to run (persisted-only, no document), answered as any other. */
    refuse(error: GraphQLError, record: RequestRecord, mode: RequestMode): GraphQLAnswer {
      const { status, headers, body } = format({ errors: [error] }, record, mode);
      return { status, headers, body, personalData: true, deprecations: [] };
    },
    /** Parsed (and compiled) operations held in memory, for the metrics. */
    get cachedOperations(): number {
      return catalog.size;
    },
    /** What they are estimated to hold, against OPERATION_CACHE_BYTES, for the metrics. */
    get cachedOperationBytes(): number {
      return catalog.bytes;
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
