import { userInputError } from '../errors.ts';

export const MAX_PAGE_SIZE = 100;

interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/** The contract rejects page sizes outside 1..100 instead of clamping them silently. */
export function pageArguments<Args extends PageArgs>(args: Args): Args {
  for (const name of ['first', 'last'] as const) {
    const size = args[name];
    if (size != null && (size < 1 || size > MAX_PAGE_SIZE)) {
      throw userInputError(`\`${name}\` must be between 1 and ${MAX_PAGE_SIZE}; got ${size}.`, { argument: name });
    }
  }
  return args;
}
