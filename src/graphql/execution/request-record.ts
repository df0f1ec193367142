import type { RequestTrace } from '../../observability/tracing.ts';

/**
 * What one request learns on its way through the schema, for its log line, its metrics and its
 * cache decision. The HTTP front creates one per request; the engine puts it in the request's
 * GraphQL context, where every plugin and resolver reaches it, never through ambient state.
 */
export interface RequestRecord {
  readonly id: string;
  /** The executed operation's own name. */
  operationName: string | null;
  /** The persisted operation id the client sent, when it sent one. */
  persistedId: string | null;
  /** Estimated cost of the operation, once checked. */
  cost: number | null;
  /** The answer depends on today's date in Tokyo (a default `asOf` was used). */
  usesToday: boolean;
  /** `extensions.code` of every GraphQL error in the answer. */
  errorCodes: string[];
  /**
   * The operation names personal data, or could not be read (operation-facts.ts): its answer is
   * never cached, and the log leaves out its operation name, which is the client's text. True until
   * an answer says otherwise, so a request that fails on the way never logs a name it was given.
   */
  personalData: boolean;
  /** The operation ran compiled (graphql-jit) rather than interpreted: the same answer, told apart in the log. */
  compiled: boolean;
  /** The request's span when it is traced (observability/tracing.ts); null otherwise. */
  trace: RequestTrace | null;
}

export function newRequestRecord(id: string): RequestRecord {
  return { id, operationName: null, persistedId: null, cost: null, usesToday: false, errorCodes: [], personalData: true, compiled: false, trace: null };
}
