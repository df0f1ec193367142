import { AsyncLocalStorage } from 'node:async_hooks';

/** What one request learns on its way through the pipeline, for its log line and metrics. */
export interface RequestInfo {
  id: string;
  operationName: string | null;
  cost: number | null;
  /** The persisted operation id, when the client sent one. */
  persistedId: string | null;
  /** The answer depends on today's date in Tokyo (a default `asOf` was used). */
  usesToday: boolean;
  /** The request carried personal data (birth dates): its answer is never cached or logged. */
  personalData: boolean;
  /** GraphQL errors in the answer. */
  errorCodes: string[];
}

export function newRequestInfo(id: string): RequestInfo {
  return { id, operationName: null, cost: null, persistedId: null, usesToday: false, personalData: false, errorCodes: [] };
}

const storage = new AsyncLocalStorage<RequestInfo>();

export function runInRequest<T>(info: RequestInfo, run: () => T): T {
  return storage.run(info, run);
}

/** The request being served; undefined outside one (e.g. in unit tests calling the schema directly). */
export function currentRequest(): RequestInfo | undefined {
  return storage.getStore();
}
