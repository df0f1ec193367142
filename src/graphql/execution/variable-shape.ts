import { isInputObjectType, isInterfaceType, isListType, isNonNullType, isObjectType, type GraphQLInputType, type GraphQLSchema } from 'graphql';

/**
 * The widest object and the deepest value any variable of the schema can fit: no input type has
 * more fields than `maxKeys`, and none nests lists and objects deeper than `maxDepth` (a scalar is
 * 0 deep, a list or an object one more than what it holds).
 */
export interface InputShape {
  maxKeys: number;
  maxDepth: number;
}

const shapes = new WeakMap<GraphQLSchema, InputShape>();

/** Read once per schema from the arguments its fields and directives take; an input type that holds itself puts no bound on the depth. */
export function inputShapeOf(schema: GraphQLSchema): InputShape {
  let shape = shapes.get(schema);
  if (shape === undefined) shapes.set(schema, (shape = readInputShape(schema)));
  return shape;
}

function readInputShape(schema: GraphQLSchema): InputShape {
  let maxKeys = 0;
  const depths = new Map<string, number>();
  const depthOf = (type: GraphQLInputType): number => {
    if (isNonNullType(type)) return depthOf(type.ofType);
    if (isListType(type)) return 1 + depthOf(type.ofType);
    if (!isInputObjectType(type)) return 0;
    const known = depths.get(type.name);
    if (known !== undefined) return known;
    depths.set(type.name, Number.POSITIVE_INFINITY);
    const fields = Object.values(type.getFields());
    maxKeys = Math.max(maxKeys, fields.length);
    const depth = 1 + Math.max(0, ...fields.map((field) => depthOf(field.type)));
    depths.set(type.name, depth);
    return depth;
  };
  // A variable's type must fit where it is used (graphql-js' VariablesInAllowedPosition), so no
  // valid value is deeper than the argument it is given to.
  const argumentLists = [
    ...schema.getDirectives().map((directive) => directive.args),
    ...Object.values(schema.getTypeMap()).flatMap((type) => (isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()).map((field) => field.args) : [])),
  ];
  let maxDepth = 0;
  for (const argument of argumentLists.flat()) maxDepth = Math.max(maxDepth, depthOf(argument.type));
  return { maxKeys, maxDepth };
}

/**
 * Whether a variable's value has an object wider than any input type or is nested deeper than any
 * takes: it fits no type. graphql-js' coercion quotes the whole object it is in at each unknown key
 * (up to 50 errors), so one object of 12,500 keys cost ~170 ms; this walk is linear, without recursion.
 */
export function exceedsInputShape(value: unknown, shape: InputShape): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (next.value === null || typeof next.value !== 'object') continue;
    const depth = next.depth + 1;
    if (depth > shape.maxDepth) return true;
    if (Array.isArray(next.value)) {
      for (const item of next.value as unknown[]) pending.push({ value: item, depth });
      continue;
    }
    // Counted as they are walked: an object of 12,500 keys is refused at the first key past the
    // widest input type, without a list of its values made first (8.5% → 3.6% of the thread's samples).
    const object = next.value as Record<string, unknown>;
    let keys = 0;
    for (const key in object) {
      if (++keys > shape.maxKeys) return true;
      pending.push({ value: object[key], depth });
    }
  }
  return false;
}
