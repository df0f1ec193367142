import { readFileSync } from 'node:fs';
import type { GraphiQLOptions } from 'graphql-yoga';

/** The committed operations: kiosk ones are also the persisted allow-list, so tabs show the exact text. */
export const OPERATIONS_FOLDER = new URL('../../operations/', import.meta.url);

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

/** The day every example computes for: each date-dependent example passes it as `asOf`, so no answer moves with the calendar. */
const EXAMPLE_DAY = '2026-11-25';

/**
 * One per partner: a city app, a kiosk, an analyst, then the other kiosk operations; in the order GraphiQL shows them. The first
 * tab needs no variables: GraphiQL 5 opens the first tab with an empty variables editor, whatever
 * the tab holds (only its `initialVariables` option fills it, and that one re-adds a tab on every
 * reload); the other tabs get their variables when selected. Its text opens with the welcome.
 */
export const exampleOperations: readonly ExampleOperation[] = [
  example('examples/city-app-offices.graphql', {}),
  example('kiosk/renewal-guidance.graphql', { expiresOn: '2026-12-31', residentWard: 'KITA', asOf: EXAMPLE_DAY }),
  example('examples/analyst-batch.graphql', {
    inputs: [
      { birthDate: '1985-10-10', issuedOn: '2020-05-15', asOf: EXAMPLE_DAY },
      { birthDate: '2012-02-29', issuedOn: '2021-03-01', asOf: EXAMPLE_DAY },
      { birthDate: '1970-04-01', issuedOn: '2024-02-01', previousUserAuthenticationExpiresOn: '2024-04-01', underGuardianship: true, asOf: EXAMPLE_DAY },
    ],
  }),
  example('kiosk/offices-guidance.graphql', { procedure: 'PIN_RESET', residentWard: 'CHUO' }),
  example('kiosk/pin-guidance.graphql', {}),
  example('kiosk/convenience-store-advice.graphql', {
    input: { birthDate: '1990-10-10', userAuthenticationExpiresOn: '2026-11-24', pinLocked: true, domicileInSapporo: true, asOf: EXAMPLE_DAY },
  }),
];

/**
 * Kiosk operations a newer one replaced, kept only because a published id never stops working
 * (docs/kiosk-integrators.md): not shown as tabs, which show what a partner should send today.
 */
export const SUPERSEDED_OPERATIONS: readonly string[] = [
  'kiosk/convenience-store-eligibility.graphql',
  'kiosk/convenience-store-guidance.graphql',
  'kiosk/renewal-status.graphql',
  'kiosk/offices-for-procedure.graphql',
  'kiosk/pin-rules.graphql',
];

// Analysts on a persisted-only deployment need an exempt key to send their own documents; the
// editor shows where it goes. Not persisted to the browser's storage, so a key does not linger.
const HEADERS = JSON.stringify({ 'x-api-key': '' }, null, 2);

/**
 * GraphiQL's options (Yoga's `GraphiQLOptions`, rendered by graphiql-assets.ts): the examples as tabs, variables and headers editable, docs from
 * introspection, opening on the schema's own description (`schemaDescription`) rather than
 * GraphiQL's generic sentence.
 */
export const graphiqlOptions = {
  title: 'Sapporo electronic certificates API (札幌市 電子証明書 API)',
  schemaDescription: true,
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
 * The header's logo and title (the title is the browser tab's and the welcome's too) took the room
 * of the last two tabs in a 1,280-pixel window; without them, and with slightly smaller labels, all
 * six show (test/browser.test.ts measures them).
 */
export const TAB_BAR_STYLE = '<style>.graphiql-tab{transform:none!important}.graphiql-tab-button{font-size:13px}.graphiql-logo{display:none}</style>';
