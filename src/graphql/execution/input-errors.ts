import {
  coerceInputValue,
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
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type ValidationRule,
  type VariableDefinitionNode,
} from 'graphql';
import { ErrorCode, refusedRequestError } from '../errors.ts';

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
  if (/ to be an object\./.test(message)) return `expected an input object "${named.name}"${fieldList(named)}.`;
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

function pathText(variable: string, path: readonly (string | number)[]): string {
  return path.reduce<string>((text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : `${text}.${segment}`), variable);
}

/** Most errors reported for one request's variables; the rest add nothing a client can act on. */
const MAX_VARIABLE_ERRORS = 20;

/**
 * Coerces the variables as execution will, reporting what is wrong with them without quoting a
 * value. Empty when execution can take them as they are.
 */
export function variableErrors(schema: GraphQLSchema, definitions: readonly VariableDefinitionNode[], inputs: Readonly<Record<string, unknown>>): GraphQLError[] {
  const errors: GraphQLError[] = [];
  const report = (message: string, definition: VariableDefinitionNode) => errors.push(refusedRequestError(message, ErrorCode.BAD_USER_INPUT, {}, [definition]));
  for (const definition of definitions) {
    if (errors.length >= MAX_VARIABLE_ERRORS) break;
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type);
    // Validation has refused a variable of an unknown or output type already.
    if (type === undefined || !isInputType(type)) continue;
    if (!Object.hasOwn(inputs, name)) {
      if (isNonNullType(type) && definition.defaultValue === undefined) report(`Variable "$${name}" of required type "${String(type)}" was not provided.`, definition);
      continue;
    }
    const value = inputs[name];
    if (value === null && isNonNullType(type)) {
      report(`Variable "$${name}" of non-null type "${String(type)}" must not be null.`, definition);
      continue;
    }
    coerceInputValue(value, type, (path, _invalidValue, error) => {
      if (errors.length < MAX_VARIABLE_ERRORS) {
        const where = path.length === 0 ? '' : ` at "${pathText(name, path)}"`;
        report(`Variable "$${name}" has an invalid value${where}: ${problem(typeAt(type, path), error.message)}`, definition);
      }
    });
  }
  return errors;
}

/**
 * graphql-js' ValuesOfCorrectTypeRule, reporting literals without printing them: the same checks,
 * with the message built from the expected type. The type is read from the rule's context while
 * it reports, where TypeInfo stands on the offending value.
 */
export const SafeValuesOfCorrectTypeRule: ValidationRule = (context) => {
  const reporting = Object.create(context, {
    reportError: {
      value: (error: GraphQLError) => {
        const unknownField = / is not defined by type /.test(error.message);
        const type = unknownField ? context.getParentInputType() : context.getInputType();
        const quotesValue = unknownField || /^Expected value of type |cannot represent non-enum value/.test(error.message);
        const message = quotesValue && type ? `Invalid value: ${problem(type, error.message)}` : error.message;
        context.reportError(new GraphQLError(message, { nodes: error.nodes, extensions: error.extensions }));
      },
    },
  }) as typeof context;
  return ValuesOfCorrectTypeRule(reporting);
};
