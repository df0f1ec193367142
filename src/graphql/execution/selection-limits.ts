import { Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLError, type SelectionSetNode } from 'graphql';
import { ErrorCode, refusedRequestError } from '../errors.ts';

/**
 * How wide one selection set may be, counting what its fragments bring into it. graphql-js checks
 * that fields sharing a response name can be merged by comparing every pair of them
 * (OverlappingFieldsCanBeMerged): a 9 KB document selecting `notices { key }` 590 times made it
 * spend 270 ms before giving up, and 400 alternating sub-selections took 200 ms and passed. These
 * bounds keep the pairs few, checked in one pass before validation starts; legitimate documents
 * stay far below them (the largest committed example selects 14 fields in one set).
 */
export interface SelectionLimits {
  /** Fields in one selection set, inline and named fragments included. */
  maxFieldsPerSelection: number;
  /** Fields with the same response name (alias or name) in one selection set. */
  maxSameResponseName: number;
}

export const SELECTION_LIMITS: SelectionLimits = { maxFieldsPerSelection: 200, maxSameResponseName: 20 };

/** Response names and how often each is selected in one flattened selection set. */
class FieldCounts {
  total = 0;
  readonly byName = new Map<string, number>();
}

class TooWide {
  readonly error: GraphQLError;
  constructor(error: GraphQLError) {
    this.error = error;
  }
}

class SelectionWalk {
  private readonly limits: SelectionLimits;
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  /** Flattened counts of each fragment, computed once; `null` while computing (a cycle adds nothing). */
  private readonly fragmentCounts = new Map<string, FieldCounts | null>();

  constructor(document: DocumentNode, limits: SelectionLimits) {
    this.limits = limits;
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
  }

  private add(counts: FieldCounts, name: string, times: number): void {
    counts.total += times;
    const same = (counts.byName.get(name) ?? 0) + times;
    counts.byName.set(name, same);
    if (counts.total > this.limits.maxFieldsPerSelection) {
      throw new TooWide(
        refusedRequestError(`A selection set selects more than ${this.limits.maxFieldsPerSelection} fields, counting its fragments.`, ErrorCode.QUERY_TOO_COMPLEX, {
          limit: this.limits.maxFieldsPerSelection,
        }),
      );
    }
    if (same > this.limits.maxSameResponseName) {
      throw new TooWide(
        refusedRequestError(`A selection set selects \`${name.slice(0, 64)}\` more than ${this.limits.maxSameResponseName} times, counting its fragments.`, ErrorCode.QUERY_TOO_COMPLEX, {
          limit: this.limits.maxSameResponseName,
        }),
      );
    }
  }

  private merge(into: FieldCounts, from: FieldCounts): void {
    for (const [name, times] of from.byName) this.add(into, name, times);
  }

  /** The fields of one selection set as its parent level sees them: inline fragments flattened in. */
  flatten(selectionSet: SelectionSetNode): FieldCounts {
    const counts = new FieldCounts();
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) this.add(counts, selection.alias?.value ?? selection.name.value, 1);
      else if (selection.kind === Kind.INLINE_FRAGMENT) this.merge(counts, this.flatten(selection.selectionSet));
      else this.merge(counts, this.fragment(selection.name.value));
    }
    return counts;
  }

  private fragment(name: string): FieldCounts {
    const known = this.fragmentCounts.get(name);
    if (known !== undefined) return known ?? new FieldCounts();
    const fragment = this.fragments.get(name);
    if (!fragment) return new FieldCounts();
    this.fragmentCounts.set(name, null);
    const counts = this.flatten(fragment.selectionSet);
    this.fragmentCounts.set(name, counts);
    return counts;
  }
}

/** Every selection set of the document within the limits; otherwise the QUERY_TOO_COMPLEX refusal. */
export function checkSelectionWidth(document: DocumentNode, limits: SelectionLimits = SELECTION_LIMITS): GraphQLError | null {
  const walk = new SelectionWalk(document, limits);
  const pending: SelectionSetNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) pending.push(definition.selectionSet);
  }
  try {
    // Each selection set of the text is flattened once as a level of its own; a fragment's
    // counts are reused wherever it is spread.
    for (let selectionSet = pending.pop(); selectionSet !== undefined; selectionSet = pending.pop()) {
      walk.flatten(selectionSet);
      for (const selection of selectionSet.selections) if (selection.kind !== Kind.FRAGMENT_SPREAD && selection.selectionSet) pending.push(selection.selectionSet);
    }
  } catch (stopped) {
    if (stopped instanceof TooWide) return stopped.error;
    throw stopped;
  }
  return null;
}
