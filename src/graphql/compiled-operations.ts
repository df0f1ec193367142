import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { getOperationAST, parse, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { ListTooLong, operationCost } from './cost.ts';

export interface OperationRequest {
  document: string;
  operationName: string | null;
  variables: Record<string, unknown>;
}

interface CompiledOperation {
  document: DocumentNode;
  operationName: string | null;
  /** The operation's own name, for the log line. */
  name: string | null;
  query: CompiledQuery;
}

export interface CompiledExecution {
  cost: number;
  operationName: string | null;
  result: Promise<ExecutionResult> | ExecutionResult;
}

/**
 * Operations compiled with graphql-jit, for documents that have already been through the full
 * Yoga pipeline once (parse, validation, every limit) and answered without errors. Executing one
 * skips Yoga; any answer with errors is thrown away by the caller and the request taken through
 * Yoga again, so errors always come from one place and look the same.
 */
export class CompiledOperations {
  private readonly entries = new Map<string, CompiledOperation>();
  private readonly schema: GraphQLSchema;
  private readonly maxEntries: number;
  private readonly maxCost: number;

  constructor(schema: GraphQLSchema, maxEntries: number, maxCost: number) {
    this.schema = schema;
    this.maxEntries = maxEntries;
    this.maxCost = maxCost;
  }

  private static key(document: string, operationName: string | null): string {
    return `${operationName ?? ''}\n${document}`;
  }

  /** Compiles a document Yoga has just answered without errors (so it parses and validates). */
  learn(document: string, operationName: string | null): void {
    const key = CompiledOperations.key(document, operationName);
    if (this.entries.has(key) || this.maxEntries === 0) return;
    const parsed = parse(document, { noLocation: true });
    const compiled = compileQuery(this.schema, parsed, operationName ?? undefined);
    if (!isCompiledQuery(compiled)) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const name = getOperationAST(parsed, operationName)?.name?.value ?? null;
    this.entries.set(key, { document: parsed, operationName, name, query: compiled });
  }

  /**
   * Runs a learned operation, or returns null when it is unknown or over a limit (Yoga then
   * answers it, with the standard error). The cost depends on the variables, so it is checked
   * on every request.
   */
  execute(request: OperationRequest, context: object): CompiledExecution | null {
    const entry = this.entries.get(CompiledOperations.key(request.document, request.operationName));
    if (!entry) return null;
    let cost: number;
    try {
      cost = operationCost(entry.document, entry.operationName, request.variables);
    } catch (error) {
      if (error instanceof ListTooLong) return null;
      throw error;
    }
    if (cost > this.maxCost) return null;
    return { cost, operationName: entry.name, result: entry.query.query(undefined, context, request.variables) };
  }
}
