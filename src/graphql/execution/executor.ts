import { getOperationAST, GraphQLError, type ExecutionResult } from 'graphql';
import { createYoga, type GraphiQLOptions, type Plugin } from 'graphql-yoga';
import type { Logger } from '../../observability/logger.ts';
import type { Context } from '../schema/builder.ts';
import { ErrorCode } from '../errors.ts';
import { graphiqlOptions } from './graphiql.ts';
import { limitPlugins, type OperationLimits } from './limits.ts';
import { createMaskError, type ServiceFault } from './mask-error.ts';
import type { CatalogEntry, OperationCatalog } from './operation-catalog.ts';
import { deprecatedInputFields, type Deprecation } from './operation-facts.ts';
import { checkOperationCost } from './cost.ts';
import { persistedOperationsPlugin, type PersistedOperation } from './persisted-operations.ts';
import type { RequestRecord, ServerContext } from './request-record.ts';
import { schema } from '../schema/schema.ts';

/** One GraphQL request as the front read it. */
export interface OperationRequest {
  document: string;
  operationName: string | null;
  variables: Record<string, unknown>;
  /** The persisted operation id the client sent instead of a document. */
  persistedId: string | null;
}

/** What the front decides caching and headers from, known before execution. */
export interface Inspection {
  /** Names personal data, or sends variables the operation does not declare: never cached. */
  personalData: boolean;
  deprecations: readonly Deprecation[];
  /** The parsed document; null when it does not parse (Yoga answers the error). */
  entry: CatalogEntry | null;
}

export interface GraphQLAnswer {
  status: number;
  contentType: string;
  body: Buffer;
  /** `retry-after` of a 503, when Yoga set one. */
  retryAfter?: string;
}

export interface ExecutorOptions {
  limits: OperationLimits;
  production: boolean;
  graphiql: boolean;
  /** GraphiQL's page; it must load nothing from a CDN (Yoga's default does). */
  renderGraphiQL: (options: GraphiQLOptions) => string | Promise<string>;
  catalog: OperationCatalog;
  persistedOperations: ReadonlyMap<string, PersistedOperation>;
  /** Whether a client with this API key may send its own documents (kiosk mode refuses the rest). */
  allowsArbitrary: (apiKey: string | null) => boolean;
  createContext: (record: RequestRecord) => Context;
  serviceFault: ServiceFault;
  logger: Logger;
}

/** Records the code of every error the answer carries, and logs the unexpected ones with the request's id. */
function useErrorRecord(logger: Logger): Plugin {
  return {
    onResultProcess({ result, serverContext }) {
      const { record } = serverContext as unknown as ServerContext;
      for (const single of Array.isArray(result) ? result : [result]) {
        if (!single || !('errors' in single)) continue;
        for (const error of single.errors ?? []) {
          const code = String(error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
          record.errorCodes.push(code);
          if (code !== ErrorCode.INTERNAL_SERVER_ERROR) continue;
          logger.internalError(record.id, error.originalError ?? error);
          // The id ties what the client saw to the log line that has the stack.
          (error.extensions as Record<string, unknown>).requestId = record.id;
        }
      }
    },
  };
}

/** Names the operation in the request's record, before it executes. */
const useOperationName: Plugin = {
  onExecute({ args }) {
    const { record } = args.contextValue as unknown as Context;
    record.operationName = getOperationAST(args.document, args.operationName)?.name?.value ?? null;
  },
};

/**
 * GraphQL execution: Yoga with every limit for a document's first answers, and graphql-jit for
 * operations Yoga has already answered cleanly. Any compiled answer with errors is thrown away and
 * the request taken through Yoga again, so errors always come from one place and look the same.
 */
export function createExecutor(options: ExecutorOptions) {
  const { catalog, limits } = options;
  const yoga = createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    cors: false,
    batching: false,
    logging: false,
    maskedErrors: { maskError: createMaskError(options.serviceFault) },
    parserAndValidationCache: catalog.yogaCaches(),
    graphiql: options.graphiql ? graphiqlOptions : false,
    renderGraphiQL: options.renderGraphiQL,
    plugins: [
      persistedOperationsPlugin({
        operations: options.persistedOperations,
        allowArbitrary: (request) => options.allowsArbitrary(request.headers.get('x-api-key')),
      }),
      ...limitPlugins(limits, options.production),
      useOperationName,
      useErrorRecord(options.logger),
    ],
    context: ({ record }) => options.createContext(record),
  });

  function inspect(request: OperationRequest): Inspection {
    const entry = catalog.entry(request.document);
    if (entry === null) return { personalData: true, deprecations: [], entry };
    const { facts } = entry;
    const declared = facts.declaredVariables.get(request.operationName ?? facts.declaredVariables.keys().next().value ?? '');
    const undeclared = Object.keys(request.variables).some((name) => !declared?.has(name));
    const deprecations = [...facts.deprecations];
    for (const [name, type] of facts.inputObjectVariables) deprecatedInputFields(type, request.variables[name], deprecations);
    return { personalData: facts.namesPersonalData || undeclared, deprecations, entry };
  }

  async function compiled(request: OperationRequest, entry: CatalogEntry, record: RequestRecord, contentType: string): Promise<GraphQLAnswer | null> {
    const operation = entry.compiled.get(request.operationName ?? '');
    if (!operation) return null;
    let cost = operation.fixedCost;
    if (cost === undefined) {
      // Over a limit: Yoga answers, with the same check's coded refusal.
      const checked = checkOperationCost(schema, entry.document, request.operationName, request.variables, limits.maxCost);
      if (checked instanceof GraphQLError) return null;
      cost = checked.cost;
      if (!checked.readVariables) operation.fixedCost = cost;
    }
    const result: ExecutionResult = await operation.query.query(undefined, options.createContext(record), request.variables);
    if (result.errors?.length) return null;
    record.cost = cost;
    record.operationName = operation.name;
    return { status: 200, contentType, body: Buffer.from(JSON.stringify(result)) };
  }

  return {
    inspect,
    /**
     * Answers a GraphQL request: compiled when learned and allowed (a persisted id, or a client
     * that may send its own documents), else through Yoga.
     */
    async answer(http: { apiKey: string | null; fetchRequest: () => Request }, record: RequestRecord, request: OperationRequest | null, inspection: Inspection | null, contentType: string): Promise<GraphQLAnswer> {
      const allowed = request !== null && (request.persistedId !== null || options.allowsArbitrary(http.apiKey));
      if (allowed && inspection?.entry) {
        const fast = await compiled(request, inspection.entry, record, contentType);
        if (fast) {
          record.persistedId = request.persistedId;
          return fast;
        }
      }
      // Built only here: the compiled path never needs a fetch Request.
      const response = await yoga.fetch(http.fetchRequest(), { record });
      const retryAfter = response.headers.get('retry-after');
      const answer: GraphQLAnswer = {
        status: response.status,
        contentType: response.headers.get('content-type') ?? contentType,
        body: Buffer.from(await response.arrayBuffer()),
        ...(retryAfter === null ? {} : { retryAfter }),
      };
      if (request && answer.status === 200 && record.errorCodes.length === 0) catalog.learn(request.document, request.operationName);
      return answer;
    },
    /** GraphiQL's page, as Yoga renders it. */
    page: (fetchRequest: Request, record: RequestRecord) => yoga.fetch(fetchRequest, { record }),
  };
}

export type Executor = ReturnType<typeof createExecutor>;
