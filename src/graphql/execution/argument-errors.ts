import {
  BREAK,
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  locatedError,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import { answeredError, ErrorCode } from '../errors.ts';
import { pathText } from './input-errors.ts';

// A value written in the document may hold a variable. Validation lets a nullable variable with a
// default stand where a value is required (`issuedOn: $i` with `$i: Date = "…"`), and a null sent
// for it overrides the default; graphql-js then refuses the argument while running by printing it
// whole (`Argument "input" has invalid value {birthDate: "1979-11-23", issuedOn: $i}.`), a birth
// date written beside the variable included. That error is told here as validation tells a
// literal (input-errors.ts): the argument, the place in it, the problem, never the value.
//
// graphql-js reads the directives of the root selections before the first field runs, so an `if`
// it cannot take there (`notices @skip(if: $s)`, `$s: Boolean = true` sent null) is answered with
// `data: null` and an error with no path, which masking takes for a request refused before running
// (400 BAD_REQUEST). At a nested selection the same `if` is a field error, BAD_USER_INPUT with
// `data`, 200: the same problem is given that code, and so that status, at the root too.

/** graphql-js' words (16, `getArgumentValues`) for an argument it cannot take while running. */
const PRINTED_ARGUMENT = /^Argument "[_A-Za-z]\w*" has invalid value /;

/** The error graphql-js raised, at a field or before the first one, for an argument whose printed value it quotes. */
function printsArgument(error: GraphQLError): boolean {
  const raised = error.originalError ?? error;
  return raised instanceof GraphQLError && raised.extensions.code === undefined && PRINTED_ARGUMENT.test(raised.message);
}

/** The error graphql-js raised before the first field ran, for a directive's argument on a root selection. */
function readBeforeAnyField(error: GraphQLError, schema: GraphQLSchema, document: DocumentNode): boolean {
  const value = error.nodes?.[0];
  return error.path === undefined && error.originalError === undefined && value !== undefined && argumentOf(schema, document, value)?.owner.startsWith('@') === true;
}

/** The place, inside a value of `type`, of the first variable given null where a value is required. */
function nullVariablePlace(value: ValueNode, type: GraphQLInputType, variables: Readonly<Record<string, unknown>>, path: (string | number)[]): (string | number)[] | null {
  if (value.kind === Kind.VARIABLE) {
    const name = value.name.value;
    return isNonNullType(type) && Object.hasOwn(variables, name) && variables[name] === null ? path : null;
  }
  const nullable = isNonNullType(type) ? type.ofType : type;
  if (value.kind === Kind.LIST && isListType(nullable)) {
    for (const [index, item] of value.values.entries()) {
      const place = nullVariablePlace(item, nullable.ofType, variables, [...path, index]);
      if (place) return place;
    }
  }
  if (value.kind === Kind.OBJECT && isInputObjectType(nullable)) {
    const fields = nullable.getFields();
    for (const field of value.fields) {
      const definition = fields[field.name.value];
      const place = definition ? nullVariablePlace(field.value, definition.type, variables, [...path, field.name.value]) : null;
      if (place) return place;
    }
  }
  return null;
}

/** The argument whose value is `value`, and the field or directive it is given to, read with the schema's types. */
function argumentOf(schema: GraphQLSchema, document: DocumentNode, value: unknown): { argument: GraphQLArgument; owner: string } | null {
  const types = new TypeInfo(schema);
  let found: { argument: GraphQLArgument; owner: string } | null = null;
  visit(
    document,
    visitWithTypeInfo(types, {
      Argument(node) {
        const argument = types.getArgument();
        if (node.value !== value || !argument) return undefined;
        const directive = types.getDirective();
        found = { argument, owner: directive ? `@${directive.name}` : (types.getFieldDef()?.name ?? '') };
        return BREAK;
      },
    }),
  );
  return found;
}

/** The same error, told without the value: where the null variable stands in the argument, at the same field (or at none). */
function withoutValue(error: GraphQLError, schema: GraphQLSchema, document: DocumentNode, variables: Readonly<Record<string, unknown>>): GraphQLError {
  const value = error.nodes?.[0];
  const found = value ? argumentOf(schema, document, value) : null;
  const name = found?.argument.name ?? null;
  const place = found ? nullVariablePlace(value as ValueNode, found.argument.type, variables, []) : null;
  const where = name !== null && place && place.length > 0 ? ` at "${pathText(name, place)}"` : '';
  const problem = place ? 'the variable there is null, where a value is required.' : 'a variable in it does not fit.';
  const message = name === null ? `An argument has an invalid value: ${problem}` : `Argument "${name}" of "${found!.owner}" has an invalid value${where}: ${problem}`;
  const extensions = { code: ErrorCode.BAD_USER_INPUT, ...(name === null ? {} : { argument: name }), ...(name !== null && place && place.length > 0 ? { field: [name, ...place].join('.') } : {}) };
  return atItsField(answeredError(message, { nodes: error.nodes, extensions }), error);
}

/** `told` where graphql-js raised `error`: located at its field, or, raised before any field, as it is (masking keeps its code and gives it no status). */
function atItsField(told: GraphQLError, error: GraphQLError): GraphQLError {
  return error.path === undefined ? told : locatedError(told, error.nodes, error.path);
}

/**
 * A result's errors with every argument graphql-js printed told without its value, and every
 * directive's argument refused before the first field ran told BAD_USER_INPUT; the result itself
 * when there is neither.
 */
export function withArgumentErrorsTold<Result extends { errors?: readonly GraphQLError[] }>(result: Result, schema: GraphQLSchema, document: DocumentNode, variables: Readonly<Record<string, unknown>>): Result {
  const tell = (error: GraphQLError): GraphQLError => {
    if (printsArgument(error)) return withoutValue(error, schema, document, variables);
    if (readBeforeAnyField(error, schema, document)) return answeredError(error.message, { nodes: error.nodes, extensions: { code: ErrorCode.BAD_USER_INPUT } });
    return error;
  };
  const errors = result.errors?.map(tell);
  return errors === undefined || errors.every((error, i) => error === result.errors![i]) ? result : { ...result, errors };
}
