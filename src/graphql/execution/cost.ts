import {
  getNamedType,
  GraphQLError,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  Kind,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { declaredCost, declaredPerItemCost, PAGE_SIZE_ARGUMENTS, type FieldCost } from '../schema/field-cost.ts';
import { MAX_PAGE_SIZE } from '../schema/paging.ts';
import { ErrorCode, refusedRequestError } from '../errors.ts';
import { FragmentNesting, FragmentsTooDeep, MAX_FRAGMENT_NESTING } from './fragment-nesting.ts';
import { introspectionCost } from './introspection-cost.ts';

// The cost model (docs/api-contract.md, "The cost model"): every field costs 1, and what is selected below a
// list field costs once per item it can return: the length of its list argument, the size of its
// page, or the maximum it declares (src/graphql/schema/field-cost.ts). Computed before execution from the
// document and the variables, so an expensive request is refused whole.
//
// Linear in the document: each fragment's cost is computed once and reused at every spread (a
// fragment that spreads the next one twice, 150 deep, is 150 computations, not 2^150), and the walk
// stops as soon as anything it has counted passes the limit.

/** Items assumed below a list of objects that declares no bound: the largest page, failing closed. */
const UNDECLARED_LIST_ITEMS = MAX_PAGE_SIZE;

type Variables = Readonly<Record<string, unknown>>;

export interface MeasuredCost {
  cost: number;
  /** Whether a multiplier came from a variable: then the cost holds only for these values. */
  readVariables: boolean;
}

/** The walk passed the limit; `counted` is what it had counted by then, a lower bound. */
class OverLimit {
  readonly counted: number;
  constructor(counted: number) {
    this.counted = counted;
  }
}

class ListTooLong {
  readonly argument: string;
  readonly length: number;
  readonly limit: number;
  constructor(argument: string, length: number, limit: number) {
    this.argument = argument;
    this.length = length;
    this.limit = limit;
  }
}

function isListOfObjects(type: GraphQLOutputType): boolean {
  const nullable = isNonNullType(type) ? type.ofType : type;
  return isListType(nullable) && isCompositeType(getNamedType(nullable));
}

function fieldDefinition(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

const INTROSPECTION_ROOTS = new Set([SchemaMetaFieldDef.name, TypeMetaFieldDef.name]);

class CostWalk {
  private readonly schema: GraphQLSchema;
  readonly fragments = new Map<string, FragmentDefinitionNode>();
  /** Each fragment's cost once computed; `null` while it is being computed (a cycle counts 0). */
  private readonly fragmentCosts = new Map<string, number | null>();
  private readonly values: Variables;
  private readonly maxCost: number;
  private readonly nesting = new FragmentNesting();
  readVariables = false;

  constructor(schema: GraphQLSchema, document: DocumentNode, values: Variables, maxCost: number) {
    this.schema = schema;
    this.values = values;
    this.maxCost = maxCost;
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
  }

  /** Adds to a running total, stopping the whole walk once a part alone is over the limit. */
  checked(total: number): number {
    if (total > this.maxCost) throw new OverLimit(total);
    return total;
  }

  selectionSet(selectionSet: SelectionSetNode, parent: GraphQLCompositeType | undefined): number {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) cost = this.checked(cost + this.field(selection, parent));
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? this.compositeType(selection.typeCondition.name.value) : parent;
        cost = this.checked(cost + this.selectionSet(selection.selectionSet, type));
      } else cost = this.checked(cost + this.fragment(selection.name.value));
    }
    return cost;
  }

  private compositeType(name: string): GraphQLCompositeType | undefined {
    const type = this.schema.getType(name);
    return type && isCompositeType(type) ? type : undefined;
  }

  private fragment(name: string): number {
    const known = this.fragmentCosts.get(name);
    if (known !== undefined) return known ?? 0;
    const fragment = this.fragments.get(name);
    if (!fragment) return 0;
    this.fragmentCosts.set(name, null);
    const cost = this.nesting.within(() => this.selectionSet(fragment.selectionSet, this.compositeType(fragment.typeCondition.name.value)));
    this.fragmentCosts.set(name, cost);
    return cost;
  }

  private field(node: FieldNode, parent: GraphQLCompositeType | undefined): number {
    if (!node.selectionSet) return 1;
    if (INTROSPECTION_ROOTS.has(node.name.value) && parent === this.schema.getQueryType()) {
      const { schema, fragments, nesting } = this;
      return introspectionCost({ schema, fragments, checked: (total) => this.checked(total), withinFragment: (count) => nesting.within(count), argument: (field, name) => this.argument(field, name) }, node);
    }
    const definition = parent && fieldDefinition(parent, node.name.value);
    const below = this.selectionSet(node.selectionSet, definition ? (getNamedType(definition.type) as GraphQLCompositeType) : undefined);
    const items = definition ? this.items(node, definition) : 1;
    return this.checked(1 + items * (below + declaredPerItemCost(definition?.extensions)));
  }

  /** How many times the selection below a field runs, as its declaration says. */
  private items(node: FieldNode, definition: GraphQLField<unknown, unknown>): number {
    const declared: FieldCost | undefined = declaredCost(definition.extensions);
    if (declared === undefined) return isListOfObjects(definition.type) ? UNDECLARED_LIST_ITEMS : 1;
    if ('countedByConnection' in declared) return 1;
    if ('listArgument' in declared) {
      const items = this.argument(node, declared.listArgument);
      const length = Array.isArray(items) ? items.length : items === undefined || items === null ? 0 : 1;
      if (length > declared.maxItems) throw new ListTooLong(declared.listArgument, length, declared.maxItems);
      return Math.max(1, length);
    }
    if ('paged' in declared) {
      // A size that is not a whole number (1.5 sent in a variable) fails coercion; until then it counts as none.
      const sizes = PAGE_SIZE_ARGUMENTS.map((name) => this.argument(node, name)).filter((size): size is number => Number.isInteger(size));
      // Past the largest page, the field refuses the size itself (BAD_USER_INPUT naming it), and a
      // number no Int holds fails validation: neither is what the cost should answer.
      return sizes.length === 0 ? declared.defaultPage : Math.min(declared.maxPage, Math.max(1, ...sizes));
    }
    return declared.maxItems;
  }

  argument(node: FieldNode, name: string): unknown {
    const argument = node.arguments?.find((candidate) => candidate.name.value === name);
    return argument === undefined ? undefined : this.value(argument.value);
  }

  private value(value: ValueNode): unknown {
    switch (value.kind) {
      case Kind.VARIABLE:
        this.readVariables = true;
        return this.values[value.name.value];
      case Kind.INT:
        return Number(value.value);
      case Kind.LIST:
        return value.values;
      case Kind.STRING:
        return value.value;
      default:
        return undefined;
    }
  }
}

/**
 * The operation the cost is counted for: the named one, else the first. Unlike graphql-js'
 * getOperationAST, which gives none for an unnamed request to a document of several, so that the
 * benchmark's peers and the hostile generator, which count documents of several operations too,
 * still get a cost (the engine asks only once getOperationAST has found one).
 */
function selectedOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((operation) => operation.name?.value === operationName) : operations[0];
}

/** Variables as execution will see them: a variable left out takes its declared default. */
function withDefaults(operation: OperationDefinitionNode, variables: Variables): Variables {
  const values: Record<string, unknown> = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (values[name] === undefined && definition.defaultValue) {
      values[name] = definition.defaultValue.kind === Kind.LIST ? definition.defaultValue.values : definition.defaultValue.kind === Kind.INT ? Number(definition.defaultValue.value) : undefined;
    }
  }
  return values;
}

/**
 * The one cost check: the operation's cost when within `maxCost` (and whether it read variables: a
 * cost that did not holds for every request of the operation), otherwise the error to answer with:
 * QUERY_TOO_COMPLEX, or BAD_USER_INPUT for a list argument over its `maxItems`.
 */
export function checkOperationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Variables, maxCost: number): MeasuredCost | GraphQLError {
  const operation = selectedOperation(document, operationName);
  if (!operation) return { cost: 0, readVariables: false };
  const walk = new CostWalk(schema, document, withDefaults(operation, variables), maxCost);
  try {
    const root = schema.getRootType(operation.operation) ?? undefined;
    return { cost: walk.selectionSet(operation.selectionSet, root), readVariables: walk.readVariables };
  } catch (stopped) {
    if (stopped instanceof ListTooLong) {
      return refusedRequestError(`\`${stopped.argument}\` may hold at most ${stopped.limit} items; got ${stopped.length}.`, ErrorCode.BAD_USER_INPUT, {
        argument: stopped.argument,
        limit: stopped.limit,
      });
    }
    if (stopped instanceof FragmentsTooDeep) {
      return refusedRequestError(`Fragments are spread inside one another more than ${MAX_FRAGMENT_NESTING} deep.`, ErrorCode.QUERY_TOO_COMPLEX, { limit: MAX_FRAGMENT_NESTING });
    }
    if (stopped instanceof OverLimit) {
      return refusedRequestError(`Query cost exceeds the limit of ${maxCost}: at least ${stopped.counted} counted before stopping.`, ErrorCode.QUERY_TOO_COMPLEX, {
        cost: stopped.counted,
        limit: maxCost,
      });
    }
    throw stopped;
  }
}
