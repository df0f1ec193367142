import { Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLError, type SelectionSetNode } from 'graphql';
import { ErrorCode, refusedRequestError } from '../errors.ts';
import { shownName } from './syntax-errors.ts';

/**
 * How much work a document may ask of graphql-js' check that fields sharing a response name can
 * be merged (OverlappingFieldsCanBeMerged), which compares every pair of such fields and, below
 * them, their sub-selections: a 9 KB document selecting `notices { key }` 590 times made it spend
 * 270 ms before giving up, 20 copies of a 140-field selection took 20–50 ms and passed, and 200
 * fragments spread side by side are compared pairwise. Checked in one pass before validation
 * starts, each fragment counted once; legitimate documents stay far below these bounds (GraphiQL's
 * introspection query asks for no pairwise work at all; 20 Relay fragments each selecting `id`,
 * for about 570 comparisons). The settings give the bounds: MAX_FIELDS_PER_SELECTION,
 * MAX_SAME_RESPONSE_NAME, MAX_MERGE_COMPARISONS (docs/deployment.md).
 */
export interface SelectionLimits {
  /** Fields in one selection set, inline and named fragments included. */
  maxFieldsPerSelection: number;
  /** Fields with the same response name (alias or name) in one selection set. */
  maxSameResponseName: number;
  /**
   * Estimated comparisons for the whole document: for each response name in each selection set,
   * (its fields − 1) × the fields below them; plus each pair of fragments spread in one set.
   */
  maxMergeComparisons: number;
}

/** Response names of one flattened selection set: how often each is selected, and the fields below those selections. */
class FieldCounts {
  total = 0;
  /** Fields below every selection, fragments expanded: what comparing this set's fields can touch. */
  size = 0;
  readonly byName = new Map<string, { times: number; size: number }>();
  /** Fragments spread directly in this set (inline fragments included), compared pairwise. */
  readonly fragments = new Set<string>();
}

class Refused {
  readonly error: GraphQLError;
  constructor(error: GraphQLError) {
    this.error = error;
  }
}

const refuse = (message: string, limit: number) => new Refused(refusedRequestError(message, ErrorCode.QUERY_TOO_COMPLEX, { limit }));

class SelectionWalk {
  private readonly limits: SelectionLimits;
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  /** Flattened counts of each selection set (a fragment's too), computed once. */
  private readonly flattened = new WeakMap<SelectionSetNode, FieldCounts>();
  /** Fragments being flattened: spread again inside themselves (a cycle), they add nothing. */
  private readonly expanding = new Set<string>();
  private comparisons = 0;

  constructor(document: DocumentNode, limits: SelectionLimits) {
    this.limits = limits;
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
  }

  private add(counts: FieldCounts, name: string, times: number, size: number): void {
    counts.total += times;
    counts.size += size;
    const same = counts.byName.get(name) ?? { times: 0, size: 0 };
    same.times += times;
    same.size += size;
    counts.byName.set(name, same);
    if (counts.total > this.limits.maxFieldsPerSelection) {
      throw refuse(`A selection set selects more than ${this.limits.maxFieldsPerSelection} fields, counting its fragments.`, this.limits.maxFieldsPerSelection);
    }
    if (same.times > this.limits.maxSameResponseName) {
      throw refuse(`A selection set selects \`${shownName(name).slice(0, 64)}\` more than ${this.limits.maxSameResponseName} times, counting its fragments.`, this.limits.maxSameResponseName);
    }
  }

  private merge(into: FieldCounts, from: FieldCounts): void {
    for (const [name, { times, size }] of from.byName) this.add(into, name, times, size);
  }

  /** The fields of one selection set as its level sees them: inline and named fragments flattened in. */
  flatten(selectionSet: SelectionSetNode): FieldCounts {
    const known = this.flattened.get(selectionSet);
    if (known) return known;
    const counts = new FieldCounts();
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? this.flatten(selection.selectionSet).size : 0;
        this.add(counts, selection.alias?.value ?? selection.name.value, 1, 1 + below);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const inner = this.flatten(selection.selectionSet);
        this.merge(counts, inner);
        for (const name of inner.fragments) counts.fragments.add(name);
      } else {
        counts.fragments.add(selection.name.value);
        this.merge(counts, this.fragment(selection.name.value));
      }
    }
    this.flattened.set(selectionSet, counts);
    return counts;
  }

  /** Counts the comparisons one level asks for, stopping the walk once the document's are over the limit. */
  level(selectionSet: SelectionSetNode): void {
    const counts = this.flatten(selectionSet);
    for (const { times, size } of counts.byName.values()) this.comparisons += (times - 1) * size;
    const spread = counts.fragments.size;
    this.comparisons += (spread * (spread - 1)) / 2;
    if (this.comparisons > this.limits.maxMergeComparisons) {
      throw refuse(`The document's fields would take more than ${this.limits.maxMergeComparisons} comparisons to check that they can be merged; select fewer repeated or nested fields.`, this.limits.maxMergeComparisons);
    }
  }

  private fragment(name: string): FieldCounts {
    const fragment = this.fragments.get(name);
    if (!fragment || this.expanding.has(name)) return new FieldCounts();
    this.expanding.add(name);
    const counts = this.flatten(fragment.selectionSet);
    this.expanding.delete(name);
    return counts;
  }
}

/** The selection sets of fields below `selectionSet`, reached through its inline fragments (which belong to its level). */
function fieldSelectionSets(selectionSet: SelectionSetNode, found: SelectionSetNode[]): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD && selection.selectionSet) found.push(selection.selectionSet);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fieldSelectionSets(selection.selectionSet, found);
  }
}

/** Every selection set of the document within the limits; otherwise the QUERY_TOO_COMPLEX refusal. */
export function checkSelectionWidth(document: DocumentNode, limits: SelectionLimits): GraphQLError | null {
  const walk = new SelectionWalk(document, limits);
  const pending: SelectionSetNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) pending.push(definition.selectionSet);
  }
  try {
    // Each level of the text is checked once, as graphql-js checks it; a fragment's counts are
    // reused wherever it is spread.
    for (let selectionSet = pending.pop(); selectionSet !== undefined; selectionSet = pending.pop()) {
      walk.level(selectionSet);
      fieldSelectionSets(selectionSet, pending);
    }
  } catch (stopped) {
    if (stopped instanceof Refused) return stopped.error;
    throw stopped;
  }
  return null;
}
