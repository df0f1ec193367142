/**
 * The operations the bench scripts send: the small answers a kiosk asks for (docs/benchmarks.md
 * explains why small: per-request overhead dominates them), and a mix of them for the soak.
 */

export interface Operation {
  id: string;
  label: string;
  /** Reference data is cacheable and judged by a stricter ratio than computations. */
  kind: 'reference' | 'computation';
  /** The body of the i-th request; the same for every i unless `varies`. */
  body: (i: number) => string;
  varies: boolean;
  /** The request as the report shows it. */
  shown: string;
}

function graphqlBody(query: string, variables?: Record<string, unknown>): string {
  return JSON.stringify(variables === undefined ? { query } : { query, variables });
}

const OFFICES = graphqlBody('{ offices(first: 20) { nodes { id kind ward name { ja en } postalCode address { ja } phone procedures } } }');
const CERTIFICATE_TYPES = graphqlBody('{ certificateTypes { kind name { ja en } pinRule { minLength maxLength pattern lockAfterFailedAttempts } } }');
const ID_DOCUMENT_LISTS = graphqlBody('{ idDocumentLists { code documents { position name { ja en } issuedOnOrAfter } } }');

const VALIDITY_QUERY =
  'query($i: CertificateValidityInput!) { certificateValidity(input: $i) { userAuthentication { expiresOn status renewal { opensOn phase } } signature { issuable expiresOn } } }';
const FIRST_BIRTH_DATE_MS = Date.UTC(1930, 0, 1);
const DAY_MS = 86_400_000;
/** Birth dates cycle through 1930-01-01 .. 2017-08 so every one stays before the issue date. */
export const BIRTH_DATE_SPAN_DAYS = 32_000;

function birthDate(i: number): string {
  return new Date(FIRST_BIRTH_DATE_MS + (i % BIRTH_DATE_SPAN_DAYS) * DAY_MS).toISOString().slice(0, 10);
}

/** The i-th `CertificateValidityInput`: a fixed asOf keeps the answers the same from day to day; the birth date defeats every cache. */
export function validityInput(i: number): { birthDate: string; issuedOn: string; asOf: string } {
  return { birthDate: birthDate(i), issuedOn: '2024-06-03', asOf: '2025-06-02' };
}

function validityBody(i: number): string {
  return graphqlBody(VALIDITY_QUERY, { i: validityInput(i) });
}

function fixed(id: string, label: string, body: string): Operation {
  return { id, label, kind: 'reference', body: () => body, varies: false, shown: `\`${body}\`` };
}

/** The rows of `npm run bench`. */
export const OPERATIONS: readonly Operation[] = [
  fixed('offices', 'offices(first: 20)', OFFICES),
  fixed('certificateTypes', 'certificateTypes', CERTIFICATE_TYPES),
  fixed('idDocumentLists', 'idDocumentLists', ID_DOCUMENT_LISTS),
  {
    id: 'certificateValidity',
    label: 'certificateValidity, new birth date each request',
    kind: 'computation',
    body: validityBody,
    varies: true,
    shown: `\`${validityBody(0)}\`, the i-th request with birthDate 1930-01-01 + (i mod ${BIRTH_DATE_SPAN_DAYS}) days`,
  },
];

const MIX_PARTS = [() => OFFICES, () => CERTIFICATE_TYPES, () => ID_DOCUMENT_LISTS, validityBody];

/** The soak's load: the four rows in turn, every computation with a new birth date. */
export const MIX_OPERATION: Operation = {
  id: 'mix',
  label: 'mix of the four bench operations',
  kind: 'computation',
  body: (i) => MIX_PARTS[i % MIX_PARTS.length]!(Math.floor(i / MIX_PARTS.length)),
  varies: true,
  shown: 'offices, certificateTypes, idDocumentLists, certificateValidity in turn, every certificateValidity with a new birth date',
};

/** A request the server answers quickly and caches: what start-up waits for. */
export const PROBE_BODY = CERTIFICATE_TYPES;
