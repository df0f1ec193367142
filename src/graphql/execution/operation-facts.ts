import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  TokenKind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
  type Token,
} from 'graphql';
import { DIGIT, numberMayHoldDate, textWithDigit } from './free-text.ts';

/**
 * The schema's own declaration of personal data: a field, argument, input field or input type
 * whose Pothos `extensions` say `personalData: true`. Caches and logs decide from this mark, read
 * from the parsed operation before it executes, so no resolver has to remember anything.
 */
export const PERSONAL_DATA = 'personalData';

export interface Deprecation {
  /** Schema coordinate, e.g. `CertificateValidityInput.previousExpiresOn`. */
  coordinate: string;
  reason: string;
}

/**
 * What the schema's marks say of a document. Text no mark describes may hold anything (clients have
 * written birth dates in comments and operation names): a document with a comment, a name of the
 * client's holding a digit, such a string for a String argument, or a number of 6 digits or more
 * counts as both naming and carrying personal data, failing closed; such a value sent in a variable
 * (the engine reads it: variableMayHoldDate), as naming it.
 */
export interface OperationFacts {
  /** A personal-data coordinate appears anywhere in the document, skipped or not, or unmarked text that may hold a date does. */
  namesPersonalData: boolean;
  /** Personal data is written into the text itself (not passed in variables), or may be (unmarked text): the text must not be kept. */
  carriesPersonalData: boolean;
  /** Declared variables of each operation, by name (`''` for an anonymous one). */
  declaredVariables: ReadonlyMap<string, ReadonlySet<string>>;
  /** Variables, by name, of a free-text type (String, ID, lists of them): a value holding a digit is taken as personal (variableMayHoldDate). */
  freeTextVariables: ReadonlySet<string>;
  /** Variables, by name, whose input object type holds deprecated input fields somewhere: their values are looked into. */
  inputObjectVariables: ReadonlyMap<string, GraphQLInputType>;
  /** Deprecated fields, arguments, enum values and literal input fields the document uses. */
  deprecations: readonly Deprecation[];
}

interface Marked {
  extensions: Readonly<Record<string, unknown>>;
}

/**
 * Scalars whose values are personal unless an element of that type says otherwise: a date can be a
 * birth date, or an expiry date, which is a birthday. Failing closed, a new Date argument is
 * personal until the schema marks it `personalData: false` (a schema test asks for a mark on each).
 */
const PERSONAL_BY_DEFAULT_SCALARS: ReadonlySet<string> = new Set(['Date']);

const isMarked = (element: Marked | null | undefined): boolean => element?.extensions?.[PERSONAL_DATA] === true;

/**
 * Whether values of `type` are personal, given the mark of what takes them (an argument or input
 * field; a variable has none): the mark decides where there is one; otherwise a personal-by-default
 * scalar is, and so is an input type that is marked or has a field (at any depth) taking personal data.
 */
function personalValues(type: GraphQLInputType, mark: unknown, seen = new Set<string>()): boolean {
  if (mark !== undefined) return mark === true;
  const named = getNamedType(type);
  if (PERSONAL_BY_DEFAULT_SCALARS.has(named.name)) return true;
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  if (isMarked(named)) return true;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => personalValues(field.type, field.extensions?.[PERSONAL_DATA], seen));
}

/** An argument or input field takes personal data. */
const takesPersonalData = (element: Marked & { type: GraphQLInputType }): boolean => personalValues(element.type, element.extensions?.[PERSONAL_DATA]);

/**
 * Whether the client wrote text no schema mark describes, where a date may hide: a comment (text no
 * one reads), a name it chose holding a digit (an operation, alias, fragment or variable name: clients
 * have written birth dates in both), or a number that may be a date (numberMayHoldDate). A document
 * parsed without its tokens counts as one.
 */
function hasUnmarkedText(document: DocumentNode): boolean {
  if (document.loc === undefined) return true;
  for (let token: Token | null = document.loc.startToken; token !== null; token = token.next) {
    if (token.kind === TokenKind.COMMENT || (token.kind === TokenKind.NAME && DIGIT.test(token.value))) return true;
    if ((token.kind === TokenKind.INT || token.kind === TokenKind.FLOAT) && numberMayHoldDate(token.value)) return true;
  }
  return false;
}

/** Scalars whose strings the client writes freely: no mark says what they hold. */
const FREE_TEXT_SCALARS: ReadonlySet<string> = new Set(['String', 'ID']);

/**
 * A string written for a String or ID (an argument, a list item, an input field, a variable's
 * default), such as `__type(name: "…")` or `node(id: "…")`, holding a digit (textWithDigit).
 */
function unmarkedStringWithDigit(type: GraphQLInputType | null | undefined, value: string): boolean {
  return type != null && FREE_TEXT_SCALARS.has(getNamedType(type).name) && textWithDigit(value);
}

export function operationFacts(schema: GraphQLSchema, document: DocumentNode): OperationFacts {
  const typeInfo = new TypeInfo(schema);
  const unmarked = hasUnmarkedText(document);
  let namesPersonalData = unmarked;
  let carriesPersonalData = unmarked;
  const declaredVariables = new Map<string, Set<string>>();
  const inputObjectVariables = new Map<string, GraphQLInputType>();
  const freeTextVariables = new Set<string>();
  const deprecations = new Map<string, string>();
  const deprecated = (coordinate: string, reason: string | null | undefined) => {
    if (reason != null) deprecations.set(coordinate, reason);
  };
  let operationVariables: Set<string> | null = null;

  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition(node) {
        operationVariables = new Set();
        declaredVariables.set(node.name?.value ?? '', operationVariables);
      },
      VariableDefinition(node) {
        operationVariables?.add(node.variable.name.value);
        const type = typeInfo.getInputType();
        if (!type) return;
        if (personalValues(type, undefined)) {
          namesPersonalData = true;
          // A default value is written into the text: `($i: CertificateValidityInput = { birthDate: … })`.
          if (node.defaultValue !== undefined) carriesPersonalData = true;
        }
        const named = getNamedType(type);
        if (FREE_TEXT_SCALARS.has(named.name)) freeTextVariables.add(node.variable.name.value);
        if (isInputObjectType(named) && deprecationBearingFields(named).length > 0) inputObjectVariables.set(node.variable.name.value, type);
      },
      Field() {
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        if (!field || !parent) return;
        if (isMarked(field)) namesPersonalData = true;
        deprecated(`${parent.name}.${field.name}`, field.deprecationReason);
      },
      Argument(node) {
        const argument = typeInfo.getArgument();
        const field = typeInfo.getFieldDef();
        if (!argument) return;
        if (takesPersonalData(argument)) {
          namesPersonalData = true;
          if (node.value.kind !== Kind.VARIABLE) carriesPersonalData = true;
        }
        if (field) deprecated(`${typeInfo.getParentType()?.name}.${field.name}(${argument.name}:)`, argument.deprecationReason);
      },
      ObjectField(node) {
        const parent = getNamedType(typeInfo.getParentInputType());
        if (!isInputObjectType(parent)) return;
        const field = parent.getFields()[node.name.value];
        if (!field) return;
        if (takesPersonalData(field)) {
          namesPersonalData = true;
          if (node.value.kind !== Kind.VARIABLE) carriesPersonalData = true;
        }
        deprecated(`${parent.name}.${field.name}`, field.deprecationReason);
      },
      StringValue(node) {
        if (unmarkedStringWithDigit(typeInfo.getInputType(), node.value)) namesPersonalData = carriesPersonalData = true;
      },
      EnumValue() {
        const value = typeInfo.getEnumValue();
        const type = getNamedType(typeInfo.getInputType());
        if (value && type) deprecated(`${type.name}.${value.name}`, value.deprecationReason);
      },
    }),
  );
  return {
    namesPersonalData,
    carriesPersonalData,
    declaredVariables,
    freeTextVariables,
    inputObjectVariables,
    deprecations: [...deprecations].map(([coordinate, reason]) => ({ coordinate, reason })),
  };
}

/** The fields of an input type a value must be looked into for deprecations: deprecated ones, and those whose type holds one. */
const fieldsToLookInto = new WeakMap<GraphQLInputObjectType, readonly GraphQLInputField[]>();

function deprecationBearingFields(type: GraphQLInputObjectType): readonly GraphQLInputField[] {
  let fields = fieldsToLookInto.get(type);
  if (fields === undefined) {
    // Empty while computed, so a type that holds itself ends the recursion.
    fieldsToLookInto.set(type, []);
    fields = Object.values(type.getFields()).filter((field) => {
      const named = getNamedType(field.type);
      return field.deprecationReason != null || (isInputObjectType(named) && deprecationBearingFields(named).length > 0);
    });
    fieldsToLookInto.set(type, fields);
  }
  return fields;
}

/** Deprecated input fields set inside a variable's value (the document cannot show them). */
export function deprecatedInputFields(type: GraphQLInputType, value: unknown, found: Deprecation[] = []): Deprecation[] {
  if (isNonNullType(type)) return deprecatedInputFields(type.ofType, value, found);
  if (isListType(type)) {
    if (Array.isArray(value)) for (const item of value) deprecatedInputFields(type.ofType, item, found);
    return found;
  }
  if (!isInputObjectType(type) || value === null || typeof value !== 'object') return found;
  for (const field of deprecationBearingFields(type)) {
    const fieldValue = (value as Record<string, unknown>)[field.name];
    if (fieldValue === undefined) continue;
    if (field.deprecationReason != null) found.push({ coordinate: `${type.name}.${field.name}`, reason: field.deprecationReason });
    deprecatedInputFields(field.type, fieldValue, found);
  }
  return found;
}
