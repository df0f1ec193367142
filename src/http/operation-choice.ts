import type { GraphQLError } from 'graphql';
import { ErrorCode, refusedRequestError } from '../graphql/errors.ts';
import type { OperationRequest } from '../graphql/execution/engine.ts';
import { persistedOperationId } from '../graphql/execution/persisted-operations.ts';
import type { GraphQLParams } from './graphql-params.ts';

/** Which documents a deployment runs (docs/kiosk-integrators.md, "Persisted operations"). */
export interface PersistedPolicy {
  /** The allow-listed documents by id (the SHA-256 of their text). */
  documents: ReadonlyMap<string, string>;
  /** Kiosk mode: only allow-listed documents, except for the keys below. */
  persistedOnly: boolean;
  /** API keys that may still send documents of their own in kiosk mode (analysts). */
  ownDocumentKeys: readonly string[];
}

/** Whether a client may send a document of its own: the one place persisted-only is decided. */
export function mayUseOwnDocuments(policy: PersistedPolicy, apiKey: string | undefined): boolean {
  return !policy.persistedOnly || (apiKey !== undefined && policy.ownDocumentKeys.includes(apiKey));
}

export type OperationChoice = { kind: 'operation'; operation: OperationRequest; persistedId: string | null } | { kind: 'refused'; error: GraphQLError };

const refused = (message: string, code: ErrorCode): OperationChoice => ({ kind: 'refused', error: refusedRequestError(message, code) });

/** The client's own document: run where it may send one, refused in kiosk mode. */
function ownDocument(document: string, params: GraphQLParams, ownDocuments: boolean): OperationChoice {
  if (!ownDocuments) {
    return refused('Only persisted operations are accepted here: send `extensions.persistedQuery.sha256Hash` of an allow-listed operation.', ErrorCode.PERSISTED_QUERY_ONLY);
  }
  return { kind: 'operation', operation: { document, operationName: params.operationName, variables: params.variables }, persistedId: null };
}

/**
 * An id not in the allow-list. Automatic persisted queries (Apollo Client's persisted-query link,
 * urql) send an id first, and on PERSISTED_QUERY_NOT_FOUND the same id with its document: where a
 * client may send its own documents, that document runs when the id is its SHA-256. Nothing is
 * kept: an id the server learnt from clients would let any client fill its memory.
 */
function unknownId(params: GraphQLParams, ownDocuments: boolean): OperationChoice {
  if (params.query === null || !ownDocuments) return refused('No persisted operation has this id.', ErrorCode.PERSISTED_QUERY_NOT_FOUND);
  if (persistedOperationId(params.query) !== params.persistedId) return refused('The persisted operation id is not the SHA-256 of the `query` sent with it.', ErrorCode.BAD_REQUEST);
  return ownDocument(params.query, params, ownDocuments);
}

/** The document a request runs: an allow-listed one by its id, or its own when the client may send one. */
export function chooseOperation(params: GraphQLParams, policy: PersistedPolicy, ownDocuments: boolean): OperationChoice {
  if (params.persistedId === null) return ownDocument(params.query, params, ownDocuments);
  const document = policy.documents.get(params.persistedId);
  if (document === undefined) return unknownId(params, ownDocuments);
  if (params.query !== null && params.query !== document) return refused('Send either `query` or a persisted operation id, not two different documents.', ErrorCode.BAD_REQUEST);
  return { kind: 'operation', operation: { document, operationName: params.operationName, variables: params.variables }, persistedId: params.persistedId };
}
