import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';

/**
 * List arguments whose length multiplies the work below them, and the most items each may hold.
 * `first` / `last` multiply too; their 1..100 range is checked where the connection resolves.
 */
export const LIST_ARGUMENT_LIMITS: Readonly<Record<string, number>> = { inputs: 1000, ids: 100 };
const PAGE_ARGUMENTS = ['first', 'last'];
/** What a connection without a page size is assumed to return. */
const DEFAULT_PAGE = 100;

export class ListTooLong extends Error {
  override name = 'ListTooLong';
  readonly argument: string;
  readonly limit: number;

  constructor(argument: string, length: number, limit: number) {
    super(`\`${argument}\` may hold at most ${limit} items; got ${length}.`);
    this.argument = argument;
    this.limit = limit;
  }
}

type Variables = Readonly<Record<string, unknown>>;

function argumentValue(value: ValueNode, variables: Variables): unknown {
  switch (value.kind) {
    case Kind.VARIABLE:
      return variables[value.name.value];
    case Kind.INT:
      return Number(value.value);
    case Kind.LIST:
      return value.values;
    default:
      return undefined;
  }
}

const CONNECTION_FIELDS = new Set(['edges', 'nodes', 'pageInfo', 'totalCount']);

/**
 * How many times the selection below a field runs: the page size, or the length of a list
 * argument; a connection asked for without a page size counts as a full page.
 */
function multiplier(field: FieldNode, variables: Variables): number {
  let times = 1;
  let paged = false;
  for (const arg of field.arguments ?? []) {
    const name = arg.name.value;
    const value = argumentValue(arg.value, variables);
    if (PAGE_ARGUMENTS.includes(name) && typeof value === 'number') {
      times = Math.max(times, value);
      paged = true;
    }
    const limit = LIST_ARGUMENT_LIMITS[name];
    if (limit !== undefined && Array.isArray(value)) {
      if (value.length > limit) throw new ListTooLong(name, value.length, limit);
      times = Math.max(times, value.length);
    }
  }
  const connection = field.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && CONNECTION_FIELDS.has(s.name.value));
  return connection && !paged ? DEFAULT_PAGE : times;
}

/**
 * Estimated resolver calls of the operation: every field costs 1, and what is selected under a
 * list argument or a page costs once per item. Computed before execution, so an expensive request
 * is refused whole. Throws ListTooLong when a list argument exceeds its limit.
 */
export function operationCost(document: DocumentNode, operationName: string | null | undefined, variables: Variables = {}): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation = operationName ? operations.find((op) => op.name?.value === operationName) : operations[0];
  if (!operation) return 0;
  // A variable left out takes its declared default, as execution will.
  const defaults = Object.fromEntries(
    (operation.variableDefinitions ?? []).flatMap((definition) => {
      const value = definition.defaultValue ? argumentValue(definition.defaultValue, {}) : undefined;
      return value === undefined ? [] : [[definition.variable.name.value, value]];
    }),
  );
  variables = { ...defaults, ...variables };

  const selectionCost = (selectionSet: SelectionSetNode | undefined, visiting: ReadonlySet<string>): number => {
    let cost = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        cost += 1 + multiplier(selection, variables) * selectionCost(selection.selectionSet, visiting);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += selectionCost(selection.selectionSet, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Validation rejects fragment cycles; the guard keeps this total on any input.
        if (fragment && !visiting.has(name)) cost += selectionCost(fragment.selectionSet, new Set([...visiting, name]));
      }
    }
    return cost;
  };
  return selectionCost(operation.selectionSet, new Set());
}
