import { cursorToOffset, offsetToCursor, resolveArrayConnection } from '@pothos/plugin-relay';
import { userInputError } from '../errors.ts';

export const MAX_PAGE_SIZE = 100;
/** The page a connection returns without `first` or `last` (the relay plugin's own default, written here so the cost counts it). */
export const DEFAULT_PAGE_SIZE = 20;

interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/**
 * Whether a connection issued `cursor`: it stands for a whole offset and is written as the
 * connection writes one. The relay plugin's own check says only "Invalid base64 string", names no
 * argument, and pages from offset NaN when the text after its prefix is not a number.
 */
function isIssuedCursor(cursor: string): boolean {
  let offset: number;
  try {
    offset = cursorToOffset(cursor);
  } catch {
    return false;
  }
  return Number.isSafeInteger(offset) && offset >= 0 && offsetToCursor(offset) === cursor;
}

/** The contract rejects page sizes outside 1..100 instead of clamping them silently, and cursors it did not issue. */
export function pageArguments<Args extends PageArgs>(args: Args): Args {
  // Relay pages from one end: with both, one of them would be ignored without a word.
  if (args.first != null && args.last != null) throw userInputError('Send `first` or `last`, not both.', { argument: 'last' });
  for (const name of ['first', 'last'] as const) {
    const size = args[name];
    if (size != null && (size < 1 || size > MAX_PAGE_SIZE)) {
      throw userInputError(`\`${name}\` must be between 1 and ${MAX_PAGE_SIZE}.`, { argument: name });
    }
  }
  for (const name of ['after', 'before'] as const) {
    const cursor = args[name];
    if (cursor != null && !isIssuedCursor(cursor)) throw userInputError(`\`${name}\` is not a cursor returned by this API.`, { argument: name });
  }
  return args;
}

/**
 * One page of `rows` (pageArguments checked `args`). The relay plugin gives an empty page the
 * cursors of the offsets around it, one of them -1, which pageArguments then refuses as `after`;
 * Relay's spec makes them the cursors of the first and last edges, so an empty page has none.
 */
export function pageOf<Row>(args: PageArgs, rows: readonly Row[]) {
  const page = resolveArrayConnection({ args, defaultSize: DEFAULT_PAGE_SIZE, maxSize: MAX_PAGE_SIZE }, rows);
  return page.edges.length > 0 ? page : { ...page, pageInfo: { ...page.pageInfo, startCursor: null, endCursor: null } };
}
