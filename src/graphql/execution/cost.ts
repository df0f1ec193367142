import {
  GraphQLError,
  Kind,
  TypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { ErrorCode, REQUEST_REFUSED } from '../errors.ts';
import { declaredCost, PAGE_SIZE_ARGUMENTS, type FieldCost } from '../schema/field-cost.ts';

// The cost model: every field costs 1, and what is selected below a field that multiplies work
// (a list argument, a page; declared on the field itself, see field-cost.ts) costs once per item.
// Computed before execution from the document and the variables, so an expensive request is
// refused whole, on whichever path it would run.

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

/** Whether a measured cost read any variable (then it must be measured again for other values). */
interface Reading {
  readVariables: boolean;
}

/** How many times the selection below `field` runs, as its declaration says. */
function multiplier(field: FieldNode, cost: FieldCost | undefined, variables: Variables, reading: Reading): number {
  if (cost === undefined) return 1;
  const argument = (name: string) => {
    const node = field.arguments?.find((arg) => arg.name.value === name);
    if (node?.value.kind === Kind.VARIABLE) reading.readVariables = true;
    return node === undefined ? undefined : argumentValue(node.value, variables);
  };
  if ('listArgument' in cost) {
    const items = argument(cost.listArgument);
    if (!Array.isArray(items)) return 1;
    if (items.length > cost.maxItems) throw new ListTooLong(cost.listArgument, items.length, cost.maxItems);
    return Math.max(1, items.length);
  }
  const sizes = PAGE_SIZE_ARGUMENTS.map(argument).filter((size): size is number => typeof size === 'number');
  return sizes.length === 0 ? cost.defaultPage : Math.max(1, ...sizes);
}

/**
 * Estimated resolver calls of the operation. Throws ListTooLong when a list argument exceeds its
 * `maxItems`.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Variables = {}): number {
  return measure(schema, document, operationName, variables).cost;
}

function measure(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Variables): { cost: number } & Reading {
  const reading: Reading = { readVariables: false };
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation = operationName ? operations.find((op) => op.name?.value === operationName) : operations[0];
  if (!operation) return { cost: 0, ...reading };
  // A variable left out takes its declared default, as execution will.
  const defaults = Object.fromEntries(
    (operation.variableDefinitions ?? []).flatMap((definition) => {
      const value = definition.defaultValue ? argumentValue(definition.defaultValue, {}) : undefined;
      return value === undefined ? [] : [[definition.variable.name.value, value]];
    }),
  );
  const values = { ...defaults, ...variables };

  // TypeInfo follows the walk, entered and left node by node, so each field's definition (and
  // with it its declared cost) is known, through fragments and inline fragments alike.
  const typeInfo = new TypeInfo(schema);
  const selectionCost = (selectionSet: SelectionSetNode, visiting: ReadonlySet<string>): number => {
    typeInfo.enter(selectionSet);
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        typeInfo.enter(selection);
        const below = selection.selectionSet ? selectionCost(selection.selectionSet, visiting) : 0;
        cost += 1 + multiplier(selection, declaredCost(typeInfo.getFieldDef()?.extensions), values, reading) * below;
        typeInfo.leave(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        typeInfo.enter(selection);
        cost += selectionCost(selection.selectionSet, visiting);
        typeInfo.leave(selection);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Validation rejects fragment cycles; the guard keeps this total on any input.
        if (fragment && !visiting.has(name)) {
          typeInfo.enter(fragment);
          cost += selectionCost(fragment.selectionSet, new Set([...visiting, name]));
          typeInfo.leave(fragment);
        }
      }
    }
    typeInfo.leave(selectionSet);
    return cost;
  };
  typeInfo.enter(operation);
  return { cost: selectionCost(operation.selectionSet, new Set()), ...reading };
}

function refusal(message: string, code: ErrorCode, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: REQUEST_REFUSED } });
}

/**
 * The one cost check, for every way an operation is executed: its cost when within `maxCost`
 * (and whether it read variables: a cost that did not holds for every request of the operation),
 * otherwise the error to answer with (QUERY_TOO_COMPLEX; BAD_USER_INPUT for a list argument over
 * its `maxItems`), coded and marked as a refusal before execution.
 */
export function checkOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Variables,
  maxCost: number,
): ({ cost: number } & Reading) | GraphQLError {
  let measured: { cost: number } & Reading;
  try {
    measured = measure(schema, document, operationName, variables);
  } catch (error) {
    if (!(error instanceof ListTooLong)) throw error;
    return refusal(error.message, ErrorCode.BAD_USER_INPUT, { argument: error.argument, limit: error.limit });
  }
  const { cost } = measured;
  if (cost > maxCost) return refusal(`Query cost ${cost} exceeds the limit of ${maxCost}.`, ErrorCode.QUERY_TOO_COMPLEX, { cost, limit: maxCost });
  return measured;
}
