/**
 * Fragments spread inside one another, each counted by recursion (the cost walk, and introspection's
 * exact count within it): deeper than this is refused. A chain of 2,700 (possible with MAX_TOKENS
 * raised) overflowed the stack of a process just started.
 */
export const MAX_FRAGMENT_NESTING = 100;

/** Thrown to stop a whole count once fragments are spread inside one another past the limit. */
export class FragmentsTooDeep {}

/** How deep the fragments being counted are spread inside one another, on the walk's current path. */
export class FragmentNesting {
  private depth = 0;

  /** Counts one fragment further in; past MAX_FRAGMENT_NESTING, throws FragmentsTooDeep. */
  within(count: () => number): number {
    if (++this.depth > MAX_FRAGMENT_NESTING) throw new FragmentsTooDeep();
    const cost = count();
    this.depth--;
    return cost;
  }
}
