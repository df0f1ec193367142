import { MAX_PAGE_SIZE } from './paging.ts';

/**
 * What a field declares about the work it multiplies, in its `extensions.cost`; cost.ts reads it
 * from the schema. A field that declares nothing runs what is selected below it once.
 */
export type FieldCost =
  /** The length of this list argument multiplies the work below; longer than `maxItems` is refused. */
  | { listArgument: string; maxItems: number }
  /** A connection: `first` / `last` multiply the work below; without either, `defaultPage` items. */
  | { paged: true; defaultPage: number };

export const PAGE_SIZE_ARGUMENTS = ['first', 'last'] as const;

/** `extensions` of a field whose list argument multiplies the work below it. */
export function listArgumentCost(listArgument: string, maxItems: number): { cost: FieldCost } {
  return { cost: { listArgument, maxItems } };
}

/** `extensions` of a connection field: a page without a size counts as the largest page. */
export const PAGED_COST: { cost: FieldCost } = { cost: { paged: true, defaultPage: MAX_PAGE_SIZE } };

/** The declaration on a field's extensions, if any. */
export function declaredCost(extensions: Readonly<Record<string, unknown>> | null | undefined): FieldCost | undefined {
  return extensions?.cost as FieldCost | undefined;
}
