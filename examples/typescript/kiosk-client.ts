// A typed client for the kiosk's persisted operations (docs/kiosk-integrators.md): the types come
// from GraphQL Code Generator (`npm run codegen`, codegen.ts), the requests carry only the
// operation's id, never its text. Plain fetch; no GraphQL client library needed.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { DocumentNode } from 'graphql';
import {
  KioskConvenienceStoreAdviceDocument,
  KioskConvenienceStoreEligibilityDocument,
  KioskConvenienceStoreGuidanceDocument,
  KioskOfficesForProcedureDocument,
  KioskOfficesGuidanceDocument,
  KioskPinGuidanceDocument,
  KioskPinRulesDocument,
  KioskRenewalGuidanceDocument,
  KioskRenewalStatusDocument,
} from './generated/operations.ts';

export interface PersistedOperation<Result, Variables> {
  /** The generated document: its types, and its name for messages. The text itself is never sent. */
  document: TypedDocumentNode<Result, Variables>;
  /** SHA-256, in lower-case hex, of the exact bytes of its file in operations/kiosk/. */
  id: string;
  /** GET for cacheable answers; POST for operations that take personal data (no birth date in a URL). */
  method: 'GET' | 'POST';
}

const persisted = <Result, Variables>(document: TypedDocumentNode<Result, Variables>, id: string, method: 'GET' | 'POST') => ({ document, id, method });

/**
 * The ids this kiosk ships, pinned as the guide advises (`sha256sum operations/kiosk/*.graphql`
 * computes them). An edited file gets a new id; compare these with the guide on each release.
 */
export const KIOSK_OPERATIONS = {
  // The first version, kept for kiosks that ship it; a new kiosk asks for the advice below.
  convenienceStoreEligibility: persisted(KioskConvenienceStoreEligibilityDocument, '6478daff890b09e6b963d4a7f095fd84389ba2c3278af5ad8c3a0949b47ac9e8', 'POST'),
  // The second version (steps before use, whether the remedies suffice, sources), kept for kiosks that ship it.
  convenienceStoreGuidance: persisted(KioskConvenienceStoreGuidanceDocument, 'f62108f457d0fb92f84b048589a131c82c6ec3297c75ec4c32f3772c620480a9', 'POST'),
  // Eligibility with the steps before use, whether the remedies suffice, the day an under-15 reaches
  // the minimum age and the notes (29 February): what the guide's "Start here" reads. A birth date: POST.
  convenienceStoreAdvice: persisted(KioskConvenienceStoreAdviceDocument, '33a4722795f42b8d7ed517a42ac0d0e0d9a264e8b36148b715176ec76f245bbe', 'POST'),
  // The first version, kept for kiosks that ship it; a new kiosk asks for the offices' guidance below.
  officesForProcedure: persisted(KioskOfficesForProcedureDocument, 'c3dca61067315fbce836c4874c990c9ed2fb0dedc3968a225242b80d79cfefce', 'GET'),
  // The offices for a procedure with their reservations (要予約) and sources. Nothing personal: GET.
  officesGuidance: persisted(KioskOfficesGuidanceDocument, '99c1ff19d686a855fb505df50ed24df300956f155bc7667bf9e429857b3823bd', 'GET'),
  // The first version, kept for kiosks that ship it; a new kiosk asks for the PIN guidance below.
  pinRules: persisted(KioskPinRulesDocument, 'b13b92b6a8662700bbcccb652e717e2c0be72c34b181f7fa42a0a03c9f8ee3f1', 'GET'),
  // The PIN rules with their sources: the city's page, and J-LIS's for the lower-case conversion. Nothing personal: GET.
  pinGuidance: persisted(KioskPinGuidanceDocument, '6899c644a2a72ac3380fc3c412f3656eefb413eb1ff1273be6301330f9d3c0cc', 'GET'),
  // The first version, kept for kiosks that ship it; a new kiosk asks for the renewal guidance below.
  renewalStatus: persisted(KioskRenewalStatusDocument, 'ca5c257855ac1ea6d3ee238f0697b47d60d60ac26539e43e623ad370946567cc', 'POST'),
  // The window with its notes and sources, the offices with their reservations (要予約).
  // Its expiry date is the holder's birthday (the certificate expires on the 5th one): personal, so POST.
  renewalGuidance: persisted(KioskRenewalGuidanceDocument, '9a7cc6bb0a4f1dcc0b7d92ce8fb9b71c3cf44b6a9ffd16eac4e1e0bea3969d3d', 'POST'),
};

interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

/** The API refused the request or an operation failed: the status, every error's `extensions.code`, and when to try again. */
export class KioskApiError extends Error {
  readonly status: number;
  readonly codes: string[];
  /** `Retry-After` of a 429 or 503, in seconds; null when the answer gave none. */
  readonly retryAfterSeconds: number | null;

  constructor(operation: string, status: number, errors: readonly GraphQLError[], retryAfterSeconds: number | null = null) {
    super(`${operation}: HTTP ${status}: ${errors.map((error) => `${error.extensions?.code ?? 'UNKNOWN'}: ${error.message}`).join('; ')}`);
    this.status = status;
    this.codes = errors.map((error) => error.extensions?.code ?? 'UNKNOWN');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function operationName(document: DocumentNode): string {
  const [definition] = document.definitions;
  return definition?.kind === 'OperationDefinition' ? (definition.name?.value ?? 'anonymous') : 'anonymous';
}

export interface KioskClientOptions {
  /** The kiosk's own key from the city (`x-api-key`): its own rate-limit budget behind a shared address. */
  apiKey?: string;
  /**
   * The longest `Retry-After` of a 429 or 503 waited out once before the request is tried again
   * (docs/kiosk-integrators.md: "wait `Retry-After` seconds and retry"); a longer one is the
   * caller's to handle, from the error's `retryAfterSeconds`. Default 5 s; 0 never waits.
   */
  maxRetryWaitSeconds?: number;
}

/** A status whose answer says when to try again. */
const RETRYABLE = new Set([429, 503]);

/** Runs persisted operations against `endpoint` (e.g. `http://localhost:4000/graphql`). */
export function kioskClient(endpoint: string, options: KioskClientOptions = {}) {
  const maxRetryWaitSeconds = options.maxRetryWaitSeconds ?? 5;

  function send<Result, Variables>(operation: PersistedOperation<Result, Variables>, variables: Variables): Promise<Response> {
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: operation.id } });
    // Ask for graphql-response+json: a refused request then comes with a 4xx status.
    const headers: Record<string, string> = { accept: 'application/graphql-response+json', ...(options.apiKey === undefined ? {} : { 'x-api-key': options.apiKey }) };
    if (operation.method === 'GET') {
      const query = new URLSearchParams({ extensions, variables: JSON.stringify(variables) });
      // A GET needs a custom header (the API's CSRF rule).
      return fetch(`${endpoint}?${query}`, { headers: { ...headers, 'x-graphql-csrf': '1' } });
    }
    return fetch(endpoint, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: `{"extensions":${extensions},"variables":${JSON.stringify(variables)}}`,
    });
  }

  return async function run<Result, Variables>(operation: PersistedOperation<Result, Variables>, variables: Variables): Promise<Result> {
    const name = operationName(operation.document);
    for (let attempt = 0; ; attempt++) {
      const response = await send(operation, variables);
      // The guide asks a kiosk to log loudly what will go, before it goes.
      if (response.headers.has('deprecation')) console.warn(`${name} uses something deprecated (sunset ${response.headers.get('sunset') ?? 'not set'}); see the CHANGELOG`);
      const retryAfter = response.headers.get('retry-after');
      const retryAfterSeconds = retryAfter === null || !/^\d+$/.test(retryAfter) ? null : Number(retryAfter);
      let body: { data?: Result | null; errors?: GraphQLError[] };
      try {
        body = (await response.json()) as typeof body;
      } catch {
        // Not the API's JSON (a proxy's HTML error page): the status is all there is.
        throw new KioskApiError(name, response.status, [{ message: 'the answer is not JSON' }], retryAfterSeconds);
      }
      if (body.errors === undefined && body.data != null) return body.data;
      if (attempt === 0 && RETRYABLE.has(response.status) && retryAfterSeconds !== null && retryAfterSeconds <= maxRetryWaitSeconds) {
        await new Promise((resolve) => setTimeout(resolve, retryAfterSeconds * 1000));
        continue;
      }
      throw new KioskApiError(name, response.status, body.errors ?? [], retryAfterSeconds);
    }
  };
}
