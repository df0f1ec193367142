import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode, REQUEST_REFUSED } from '../errors.ts';
import type { ServerContext } from './request-record.ts';

export const KIOSK_OPERATIONS_FOLDER = fileURLToPath(new URL('../../../operations/kiosk', import.meta.url));

export interface PersistedOperation {
  id: string;
  file: string;
  document: string;
}

/** The id clients send: the SHA-256 of the document text, as Apollo's persisted queries use. */
export function persistedOperationId(document: string): string {
  return createHash('sha256').update(document).digest('hex');
}

/** The allow-list: every committed `operations/kiosk/*.graphql`, by id. */
export function loadPersistedOperations(folder: string = KIOSK_OPERATIONS_FOLDER): Map<string, PersistedOperation> {
  const operations = new Map<string, PersistedOperation>();
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.graphql')).sort()) {
    const document = readFileSync(join(folder, file), 'utf8');
    const id = persistedOperationId(document);
    operations.set(id, { id, file, document });
  }
  return operations;
}

export interface PersistedOperationOptions {
  operations: ReadonlyMap<string, PersistedOperation>;
  /** Whether this request may send a document of its own instead of a persisted id. */
  allowArbitrary: (request: Request) => boolean;
}

export function persistedOperationsPlugin({ operations, allowArbitrary }: PersistedOperationOptions): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (id, _request, context: Partial<ServerContext>) => {
      if (context.record) context.record.persistedId = id;
      return operations.get(id)?.document ?? null;
    },
    allowArbitraryOperations: allowArbitrary,
    customErrors: {
      persistedQueryOnly: {
        message: 'Only persisted operations are accepted here: send `extensions.persistedQuery.sha256Hash` of an allow-listed operation.',
        extensions: { code: ErrorCode.PERSISTED_QUERY_ONLY, http: REQUEST_REFUSED },
      },
      notFound: {
        message: 'No persisted operation has this id.',
        extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_FOUND, http: REQUEST_REFUSED },
      },
      keyNotFound: {
        message: 'The request has neither a `query` nor a persisted operation id.',
        extensions: { code: ErrorCode.BAD_REQUEST, http: REQUEST_REFUSED },
      },
    },
  }) as Plugin;
}
