import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './paging.ts';

/**
 * How many items a list field returns at most, declared on the field's `extensions.cost`; the
 * cost model (execution/cost.ts) multiplies what is selected below the field by that number. Every
 * field that returns a list of objects declares one (a schema test holds it, and another that the
 * data never exceeds it); a leaf list (enum values) has nothing below it to multiply.
 */
export type FieldCost =
  /**
   * As many items as this list argument holds; longer than `maxItems` is refused. `perItem`: what
   * the resolver spends on each item besides what is selected below it (a computation per input).
   */
  | { listArgument: string; maxItems: number; perItem?: number }
  /**
   * A connection: `first` / `last` items, at most `maxPage` (a larger size is refused when the
   * field runs, naming its argument); without either, `defaultPage`.
   */
  | { paged: true; defaultPage: number; maxPage: number }
  /** A list without a size argument: at most this many items. */
  | { maxItems: number }
  /** A connection's `edges` / `nodes`: the connection field already counted its page. */
  | { countedByConnection: true };

export const PAGE_SIZE_ARGUMENTS = ['first', 'last'] as const;

/** `extensions` of a field whose list argument sets how many items it returns. */
export function listArgumentCost(listArgument: string, maxItems: number, perItem = 0): { cost: FieldCost } {
  return { cost: { listArgument, maxItems, perItem } };
}

/** `extensions` of a list field without a size argument: the most items it ever returns. */
export function boundedListCost(maxItems: number): { cost: FieldCost } {
  return { cost: { maxItems } };
}

/** `extensions` of a connection field: a page counts as the items it can return. */
export const PAGED_COST: { cost: FieldCost } = { cost: { paged: true, defaultPage: DEFAULT_PAGE_SIZE, maxPage: MAX_PAGE_SIZE } };

/** `extensions` of a connection's `edges` and `nodes`. */
export const CONNECTION_ITEMS_COST: { cost: FieldCost } = { cost: { countedByConnection: true } };

/** The declaration on a field's extensions, if any. */
export function declaredCost(extensions: Readonly<Record<string, unknown>> | null | undefined): FieldCost | undefined {
  return extensions?.cost as FieldCost | undefined;
}

/** What a field's resolver spends on each item besides the selection below it, as declared; 0 where nothing is. */
export function declaredPerItemCost(extensions: Readonly<Record<string, unknown>> | null | undefined): number {
  const declared = declaredCost(extensions);
  return declared !== undefined && 'listArgument' in declared ? (declared.perItem ?? 0) : 0;
}
