import SchemaBuilder from '@pothos/core';
import RelayPlugin from '@pothos/plugin-relay';
import type { IsoDate } from '../../domain/calendar.ts';
import type { Loaders } from '../../db/loaders.ts';
import type { Rules } from '../../db/read-rules.ts';
import { CONNECTION_ITEMS_COST } from './field-cost.ts';
import { decodeGlobalId, encodeGlobalId } from './global-id.ts';
import { MAX_PAGE_SIZE } from './paging.ts';
import type { RequestRecord } from '../execution/request-record.ts';

export interface Context {
  /** The request's record (operation, cost, date dependence), passed in by the front. */
  record: RequestRecord;
  /** Every read of the database, batched and read once per request. */
  loaders: Loaders;
  /** The rule values, held in memory and swapped when the seed changes. */
  rules: () => Rules;
  /** Today in Asia/Tokyo. A call, not a value, so the request knows its answer depends on the date. */
  today: () => IsoDate;
}

export interface LocalizedTextShape {
  ja: string;
  en: string;
  /** How the Japanese came to be; absent means quoted from the source. */
  jaKind?: 'VERBATIM' | 'COMPOSED';
}

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    Date: { Input: IsoDate; Output: IsoDate };
    ID: { Input: string; Output: string };
  };
}>({
  plugins: [RelayPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // node/nodes are written in node.ts so a malformed or foreign ID gets a coded error.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    encodeGlobalID: (typename, id) => encodeGlobalId(typename, String(id)),
    decodeGlobalID: (globalId) => decodeGlobalId(globalId),
    // The connection field counts its page's items (field-cost.ts); its edges and nodes do not again.
    edgesFieldOptions: { nullable: false, description: 'The items of this page, each with its cursor.', extensions: CONNECTION_ITEMS_COST },
    nodeFieldOptions: { nullable: false, description: 'The item at the end of this edge.' },
    cursorFieldOptions: { description: 'Opaque cursor of this item, for `after` / `before`.' },
    nodesOnConnection: { description: 'The items of this page, without cursors (a shortcut for `edges { node }`).', extensions: CONNECTION_ITEMS_COST },
    pageInfoFieldOptions: { description: 'Where this page sits in the whole list.' },
    hasNextPageFieldOptions: { description: 'Whether items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of this page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item of this page.' },
    firstArgOptions: { description: `Return at most this many items from the start (1 to ${MAX_PAGE_SIZE}).` },
    lastArgOptions: { description: `Return at most this many items from the end (1 to ${MAX_PAGE_SIZE}).` },
    afterArgOptions: { description: 'Return items after this cursor.' },
    beforeArgOptions: { description: 'Return items before this cursor.' },
    pageInfoTypeOptions: { description: 'Relay paging information of a connection.' },
    nodeTypeOptions: { description: 'An object with a globally unique, opaque `id` that `node(id:)` can fetch again.' },
    idFieldOptions: { description: 'Opaque global identifier; fetch the object again with `node(id:)`.' },
  },
});

builder.queryType({ description: 'Read-only entry points of the City of Sapporo electronic-certificate API.' });

export type FieldBuilder<Parent> = PothosSchemaTypes.ObjectFieldBuilder<typeof builder.$inferSchemaTypes, Parent>;

/** A row the foreign keys guarantee; its absence is a server fault, never the client's. */
export async function present<T>(row: Promise<T | null>, what: string): Promise<T> {
  const value = await row;
  if (value === null) throw new Error(`${what} is missing from the database`);
  return value;
}
