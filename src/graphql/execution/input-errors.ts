import {
  coerceInputValue,
  Kind,
  getNamedType,
  GraphQLError,
  isEnumType,
  isInputObjectType,
  isInputType,
  isLeafType,
  isListType,
  isNonNullType,
  typeFromAST,
  ValuesOfCorrectTypeRule,
  type ASTNode,
  type ASTVisitFn,
  type DirectiveNode,
  type FieldNode,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type ValidationRule,
  type VariableDefinitionNode,
} from 'graphql';
import { ErrorCode, refusedRequestError } from '../errors.ts';
import { shownName } from './syntax-errors.ts';

// Errors about input values name where the value was and what was expected, never the value:
// a variable or a literal may be a birth date, and graphql-js quotes it (`got invalid value {
// birthDate: "1990-01-02", … }`, `found "1990-02-30"`). An unknown input field is not echoed
// either (a JSON key is the client's text); the valid ones are listed instead.

/** Words for the built-in scalars; a custom scalar says its own in `extensions.expected`. */
const BUILT_IN_EXPECTATIONS: Readonly<Record<string, string>> = {
  Int: 'an integer',
  Float: 'a number',
  String: 'a string',
  Boolean: 'true or false',
  ID: 'a string or an integer',
};

/** What a value of this type must be, e.g. `one of CHUO, KITA, …` for an enum. */
function expectedValue(type: GraphQLNamedType): string {
  if (isEnumType(type)) return `one of ${type.getValues().map((value) => value.name).join(', ')}`;
  const custom = type.extensions?.expected;
  if (typeof custom === 'string') return custom;
  return BUILT_IN_EXPECTATIONS[type.name] ?? `a ${type.name}`;
}

function fieldList(type: GraphQLNamedType): string {
  return isInputObjectType(type) ? `; its fields are ${Object.keys(type.getFields()).join(', ')}` : '';
}

/**
 * The problem graphql-js found with one value, told without the value. Its own words are kept where
 * they quote only the schema (a missing required field, a null for a non-null type); a wrong leaf
 * value becomes what was expected instead.
 */
function problem(type: GraphQLInputType, message: string): string {
  const named = getNamedType(type);
  if (/ is not defined by type /.test(message)) return `"${named.name}" has no such field${fieldList(named)}.`;
  if (isLeafType(named)) return `expected ${expectedValue(named)}.`;
  if (/ to be an object\.|^Expected value of type /.test(message)) return `expected an input object "${named.name}"${fieldList(named)}.`;
  return message.replace(/\.?$/, '.');
}

/** The type found at a path inside a variable's value (field names and list indices). */
function typeAt(type: GraphQLInputType, path: readonly (string | number)[]): GraphQLInputType {
  let current = type;
  for (const segment of path) {
    const nullable = isNonNullType(current) ? current.ofType : current;
    if (typeof segment === 'number' && isListType(nullable)) current = nullable.ofType;
    else if (typeof segment === 'string' && isInputObjectType(nullable)) current = nullable.getFields()[segment]?.type ?? current;
  }
  return current;
}

/** `inputs[0].birthDate`: a place inside a value, named from the variable or argument it is in. */
export function pathText(variable: string, path: readonly (string | number)[]): string {
  return path.reduce<string>((text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : `${text}.${segment}`), variable);
}

/** Most errors reported for one request's variables; the rest add nothing a client can act on. */
const MAX_VARIABLE_ERRORS = 20;

/** Thrown out of coercion once MAX_VARIABLE_ERRORS are reported: the rest of a value is not coerced for errors no one is told. */
const ENOUGH_ERRORS = Symbol('enough variable errors');

/**
 * Coerces the variables as execution will, reporting what is wrong with them without quoting a
 * value, and stopping at the MAX_VARIABLE_ERRORS-th error: a thousand wrong inputs cost what twenty
 * do. Empty when execution can take them as they are.
 */
export function variableErrors(schema: GraphQLSchema, definitions: readonly VariableDefinitionNode[], inputs: Readonly<Record<string, unknown>>): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const report = (message: string, definition: VariableDefinitionNode) => {
    errors.push(refusedRequestError(message, ErrorCode.BAD_USER_INPUT, {}, [definition]));
    if (errors.length >= MAX_VARIABLE_ERRORS) throw ENOUGH_ERRORS;
  };
  try {
    for (const definition of definitions) reportVariable(schema, definition, inputs, report);
  } catch (thrown) {
    if (thrown !== ENOUGH_ERRORS) throw thrown;
  }
  return errors;
}

/** Reports what is wrong with one variable's value. */
function reportVariable(
  schema: GraphQLSchema,
  definition: VariableDefinitionNode,
  inputs: Readonly<Record<string, unknown>>,
  report: (message: string, definition: VariableDefinitionNode) => void,
): void {
  const name = shownName(definition.variable.name.value);
  const type = typeFromAST(schema, definition.type);
  // Validation has refused a variable of an unknown or output type already.
  if (type === undefined || !isInputType(type)) return;
  if (!Object.hasOwn(inputs, definition.variable.name.value)) {
    if (isNonNullType(type) && definition.defaultValue === undefined) report(`Variable "$${name}" of required type "${String(type)}" was not provided.`, definition);
    return;
  }
  const value = inputs[definition.variable.name.value];
  if (value === null && isNonNullType(type)) {
    report(`Variable "$${name}" of non-null type "${String(type)}" must not be null.`, definition);
    return;
  }
  coerceInputValue(value, type, (path, _invalidValue, error) => {
    const where = path.length === 0 ? '' : ` at "${pathText(name, path)}"`;
    report(`Variable "$${name}" has an invalid value${where}: ${problem(typeAt(type, path), error.message)}`, definition);
  });
}

/** Where a literal value is: the argument (or variable default) it is written in, and the place inside it. */
interface LiteralPlace {
  /** `Argument "inputs" of "certificateValidities" has an invalid value at "inputs[0].birthDate"`. */
  invalidValue: string;
  /** What `extensions` say of it: the argument, and the field within it as resolvers name one (`inputs.0.birthDate`). */
  extensions: Record<string, string>;
}

type Ancestors = readonly (ASTNode | readonly ASTNode[])[];

/** `Array.isArray`, which TypeScript does not let narrow a union with a readonly array. */
function isNodeList(step: ASTNode | readonly ASTNode[]): step is readonly ASTNode[] {
  return Array.isArray(step);
}

/**
 * The place of the value being visited, read from what the visitor is given: the chain from the
 * document's root is its ancestors, its parent and itself, and `keys[i]` leads from one step of it to
 * the next. An unknown input field is left out: its name is the client's text.
 */
function literalPlace(node: ASTNode, parent: ASTNode | readonly ASTNode[], keys: readonly (string | number)[], ancestors: Ancestors): LiteralPlace {
  const chain = [...ancestors, parent, node];
  const inside: (string | number)[] = [];
  const at = (name: string) => (inside.length === 0 ? '' : ` at "${pathText(name, inside)}"`);
  for (let i = chain.length - 1; i >= 0; i--) {
    const step = chain[i]!;
    if (isNodeList(step)) {
      if ((chain[i - 1] as ASTNode).kind === Kind.LIST) inside.unshift(keys[i] as number);
      continue;
    }
    if (step.kind === Kind.OBJECT_FIELD && step !== node) inside.unshift(step.name.value);
    if (step.kind === Kind.ARGUMENT) {
      const owner = chain[i - 2] as FieldNode | DirectiveNode;
      const name = step.name.value;
      return {
        invalidValue: `Argument "${name}" of "${owner.kind === Kind.DIRECTIVE ? '@' : ''}${owner.name.value}" has an invalid value${at(name)}`,
        extensions: inside.length === 0 ? { argument: name } : { argument: name, field: [name, ...inside].join('.') },
      };
    }
    if (step.kind === Kind.VARIABLE_DEFINITION) {
      const name = shownName(step.variable.name.value);
      return { invalidValue: `Variable "$${name}" has an invalid default value${at(name)}`, extensions: {} };
    }
  }
  // ValuesOfCorrectTypeRule reports only values it has a type for, an argument's or a variable
  // default's; should another ever be reported, it is still told without its text.
  return { invalidValue: 'A value written in the document is invalid', extensions: {} };
}

/**
 * graphql-js' ValuesOfCorrectTypeRule, reporting literals without printing them: the same checks,
 * with the message built from the expected type and the value's place (the argument or variable
 * default, the input field and the list index), also for what a scalar's parseLiteral throws, which
 * graphql-js reports as thrown, with no location. The type is read from the rule's context while it
 * reports, where TypeInfo stands on the offending value; the place, from the visit's ancestors.
 */
export const SafeValuesOfCorrectTypeRule: ValidationRule = (context) => {
  let visiting: Parameters<ASTVisitFn<ASTNode>> | null = null;
  const reporting = Object.create(context, {
    reportError: {
      value: (error: GraphQLError) => {
        const [node, , parent, keys, ancestors] = visiting!;
        const unknownField = / is not defined by type /.test(error.message);
        const type = unknownField ? context.getParentInputType() : context.getInputType();
        const place = literalPlace(node, parent!, keys, ancestors);
        const message = `${place.invalidValue}: ${type ? problem(type, error.message) : 'not a value of its declared type.'}`;
        context.reportError(new GraphQLError(message, { nodes: error.nodes ?? node, extensions: { ...error.extensions, ...place.extensions } }));
      },
    },
  }) as typeof context;
  const checks = ValuesOfCorrectTypeRule(reporting) as Record<string, ASTVisitFn<ASTNode>>;
  return Object.fromEntries(
    Object.entries(checks).map(([kind, check]) => [
      kind,
      (...visit: Parameters<ASTVisitFn<ASTNode>>) => {
        visiting = visit;
        return check(...visit);
      },
    ]),
  );
};
