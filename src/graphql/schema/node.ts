import { brandWithType } from '@pothos/core';
import { builder, type Context } from './builder.ts';
import { notFoundError } from '../errors.ts';
import { listArgumentCost } from './field-cost.ts';
import { decodeGlobalId } from './global-id.ts';

/** Most IDs one nodes(ids:) call takes. */
const MAX_NODE_IDS = 100;

type NodeLoader = (ctx: Context, key: string) => Promise<object | null>;

const nodeLoaders = new Map<string, NodeLoader>();

/** Each Node type registers how to load one of its objects by key, for node(id:) / nodes(ids:). */
export function registerNodeLoader(typename: string, load: NodeLoader): void {
  nodeLoaders.set(typename, load);
}

/** The object of one global ID given in `argument`; an error names the argument, never the ID (the client's text). */
async function loadNode(ctx: Context, globalId: string, argument: 'id' | 'ids'): Promise<object> {
  const { typename, id } = decodeGlobalId(globalId, argument);
  const load = nodeLoaders.get(typename);
  const value = load ? await load(ctx, id) : null;
  if (value === null) throw notFoundError(`No object has the ID given in \`${argument}\`.`, { argument });
  brandWithType(value, typename as never);
  return value;
}

builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    description: 'Fetches any object by its global `id`. A malformed ID is `BAD_USER_INPUT`; an ID of no object here is `NOT_FOUND`.',
    args: { id: t.arg.id({ required: true, description: 'A global ID returned by this API.' }) },
    resolve: (_root, { id }, ctx) => loadNode(ctx, id, 'id'),
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    description: 'Fetches several objects by global ID, in the given order; each unknown one is null with its own error.',
    extensions: listArgumentCost('ids', MAX_NODE_IDS),
    args: { ids: t.arg.idList({ required: true, description: `Global IDs returned by this API (at most ${MAX_NODE_IDS}).` }) },
    // One promise of the whole list, each failure an Error item (null with its error, in both
    // executors): graphql-jit put the null of an item that failed before the others were loaded at
    // the end of the list, not at its place, so a malformed ID shortened the answer (a semantics probe).
    resolve: (_root, { ids }, ctx) => Promise.all(ids.map((id) => loadNode(ctx, id, 'ids').catch((error: unknown) => error as object))),
  }),
}));
