import {
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLDirective,
  type GraphQLEnumValue,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
  type GraphQLType,
  type SelectionSetNode,
} from 'graphql';

// Introspection counted exactly. Its lists are the schema's own (its types, a type's fields, a
// field's arguments), fixed and known, so the cost of `__schema { … }` is the number of fields the
// answer will hold, counted by walking the schema along the selection: GraphiQL's full query costs
// what it returns, while `types { fields { type { fields { type { fields … } } } } }`, which would
// multiply 70 types by 25 fields per level, is counted as it grows and refused at the limit. Every
// field counted adds at least 1, so the walk ends after at most the limit's worth of steps.

/** A value of one of the introspection types, as execution would produce it. */
type IntrospectionValue =
  | { kind: '__Schema' }
  | { kind: '__Type'; type: GraphQLType }
  | { kind: '__Field'; field: GraphQLField<unknown, unknown> }
  | { kind: '__InputValue'; value: GraphQLArgument | GraphQLInputField }
  | { kind: '__EnumValue'; value: GraphQLEnumValue }
  | { kind: '__Directive'; directive: GraphQLDirective };

/** What a field of an introspection value returns: nothing to select below (a leaf), one value or null, or a list. */
type Child = 'leaf' | IntrospectionValue | null | IntrospectionValue[];

const typeValue = (type: GraphQLType | null | undefined): IntrospectionValue | null => (type ? { kind: '__Type', type } : null);

function typeChild(schema: GraphQLSchema, type: GraphQLType, field: string): Child {
  switch (field) {
    case 'fields':
      return isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()).map((f) => ({ kind: '__Field', field: f })) : null;
    case 'inputFields':
      return isInputObjectType(type) ? Object.values(type.getFields()).map((value) => ({ kind: '__InputValue', value })) : null;
    case 'interfaces':
      return isObjectType(type) || isInterfaceType(type) ? type.getInterfaces().map((i) => ({ kind: '__Type', type: i })) : null;
    case 'possibleTypes':
      return isInterfaceType(type) || isUnionType(type) ? schema.getPossibleTypes(type).map((t) => ({ kind: '__Type', type: t })) : null;
    case 'enumValues':
      return isEnumType(type) ? type.getValues().map((value) => ({ kind: '__EnumValue', value })) : null;
    case 'ofType':
      return isListType(type) || isNonNullType(type) ? typeValue(type.ofType) : null;
    default:
      return 'leaf';
  }
}

function childOf(schema: GraphQLSchema, value: IntrospectionValue, field: string): Child {
  switch (value.kind) {
    case '__Schema':
      if (field === 'types') return Object.values(schema.getTypeMap()).map((type) => ({ kind: '__Type', type }));
      if (field === 'directives') return schema.getDirectives().map((directive) => ({ kind: '__Directive', directive }));
      if (field === 'queryType') return typeValue(schema.getQueryType());
      if (field === 'mutationType') return typeValue(schema.getMutationType());
      if (field === 'subscriptionType') return typeValue(schema.getSubscriptionType());
      return 'leaf';
    case '__Type':
      return typeChild(schema, value.type, field);
    case '__Field':
      if (field === 'args') return value.field.args.map((arg) => ({ kind: '__InputValue', value: arg }));
      return field === 'type' ? typeValue(value.field.type) : 'leaf';
    case '__InputValue':
      return field === 'type' ? typeValue(value.value.type) : 'leaf';
    case '__Directive':
      return field === 'args' ? value.directive.args.map((arg) => ({ kind: '__InputValue', value: arg })) : 'leaf';
    default:
      return 'leaf';
  }
}

export interface IntrospectionCounting {
  schema: GraphQLSchema;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  /** Adds to a running total and stops the whole count once it is over the limit. */
  checked: (total: number) => number;
  /** Counts a fragment spread inside the ones being counted; stops the whole count past the nesting limit. */
  withinFragment: (count: () => number) => number;
  /** A field argument's value as the request gives it (`__type(name:)`). */
  argument: (node: FieldNode, name: string) => unknown;
}

/**
 * What `__schema` or `__type(name:)` answers with. Counted before validation and coercion: a name
 * that is no string (an object, an array) names no type, and coercion then refuses it.
 */
function introspectionRoot(counting: IntrospectionCounting, node: FieldNode): IntrospectionValue | null {
  if (node.name.value === '__schema') return { kind: '__Schema' };
  const name = counting.argument(node, 'name');
  return typeof name === 'string' ? typeValue(counting.schema.getType(name)) : null;
}

/** The exact number of fields `__schema` or `__type(name:)` will answer with, selection `node` included. */
export function introspectionCost(counting: IntrospectionCounting, node: FieldNode): number {
  const { schema, fragments, checked, withinFragment } = counting;
  const root = introspectionRoot(counting, node);
  if (root === null || !node.selectionSet) return 1;

  // The fragments being counted, one inside the other, on the walk's current path.
  const visiting = new Set<string>();
  const selectionCost = (value: IntrospectionValue, selectionSet: SelectionSetNode): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) cost = checked(cost + selectionCost(value, selection.selectionSet));
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        // Validation refuses fragment cycles; the guard keeps this total on any input. A chain of
        // spreads is bounded by the cost walk's nesting limit: unbounded, it overflowed the stack.
        if (fragment && !visiting.has(fragment.name.value)) {
          visiting.add(fragment.name.value);
          cost = checked(cost + withinFragment(() => selectionCost(value, fragment.selectionSet)));
          visiting.delete(fragment.name.value);
        }
      } else {
        const child = selection.selectionSet ? childOf(schema, value, selection.name.value) : 'leaf';
        let below = 0;
        if (Array.isArray(child)) for (const item of child) below = checked(below + selectionCost(item, selection.selectionSet!));
        else if (child !== 'leaf' && child !== null) below = selectionCost(child, selection.selectionSet!);
        cost = checked(cost + 1 + below);
      }
    }
    return cost;
  };
  return checked(1 + selectionCost(root, node.selectionSet));
}
