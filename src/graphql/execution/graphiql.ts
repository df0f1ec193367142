import { readFileSync } from 'node:fs';
import type { GraphiQLOptions } from 'graphql-yoga';

/** The committed operations: kiosk ones are also the persisted allow-list, so tabs show the exact text. */
export const OPERATIONS_FOLDER = new URL('../../../operations/', import.meta.url);

export interface ExampleOperation {
  /** Path under `operations/`. */
  file: string;
  document: string;
  /** Values that make the operation run as is. */
  variables: Record<string, unknown>;
}

function example(file: string, variables: Record<string, unknown>): ExampleOperation {
  return { file, document: readFileSync(new URL(file, OPERATIONS_FOLDER), 'utf8'), variables };
}

/**
 * One per partner: a city app, a kiosk, an analyst, then the other kiosk operations; in the order GraphiQL shows them. The first
 * tab needs no variables: GraphiQL 5 opens the first tab with an empty variables editor, whatever
 * the tab holds (only its `initialVariables` option fills it, and that one re-adds a tab on every
 * reload); the other tabs get their variables when selected.
 */
export const exampleOperations: readonly ExampleOperation[] = [
  example('examples/city-app-offices.graphql', {}),
  example('kiosk/renewal-status.graphql', { expiresOn: '2026-12-31', residentWard: 'KITA' }),
  example('examples/analyst-batch.graphql', {
    inputs: [
      { birthDate: '1985-10-10', issuedOn: '2020-05-15' },
      { birthDate: '2012-02-29', issuedOn: '2021-03-01' },
      { birthDate: '1970-04-01', issuedOn: '2024-02-01', previousUserAuthenticationExpiresOn: '2024-04-01', underGuardianship: true, asOf: '2026-11-25' },
    ],
  }),
  example('kiosk/offices-for-procedure.graphql', { procedure: 'PIN_RESET', residentWard: 'CHUO' }),
  example('kiosk/pin-rules.graphql', {}),
  example('kiosk/convenience-store-eligibility.graphql', {
    input: { birthDate: '1990-10-10', userAuthenticationExpiresOn: '2026-11-24', pinLocked: true, domicileInSapporo: true, asOf: '2026-11-25' },
  }),
];

// Analysts on a persisted-only deployment need an exempt key to send their own documents; the
// editor shows where it goes. Not persisted to the browser's storage, so a key does not linger.
const HEADERS = JSON.stringify({ 'x-api-key': '' }, null, 2);

/** Yoga's `graphiql` option: the examples as tabs, variables and headers editable, docs from introspection. */
export const graphiqlOptions = {
  title: 'Sapporo electronic certificates API (札幌市 電子証明書 API)',
  defaultTabs: exampleOperations.map((operation) => ({
    query: operation.document,
    variables: JSON.stringify(operation.variables, null, 2),
    headers: HEADERS,
  })),
  defaultHeaders: HEADERS,
  isHeadersEditorEnabled: true,
  shouldPersistHeaders: false,
  defaultEditorToolsVisibility: 'variables',
} satisfies GraphiQLOptions;

/**
 * GraphiQL 5's tab bar (framer-motion's Reorder) is left holding drag offsets of hundreds of pixels
 * when its web fonts load after several tabs have rendered; GraphiQL's own CSS hides an offset only
 * while the tab has no focus. Pressing a tab focuses it, it jumps from under the pointer and the
 * click is lost. Pinned in place, tabs select on the first click and still reorder by dragging.
 */
export const TAB_BAR_STYLE = '<style>.graphiql-tab{transform:none!important}</style>';
