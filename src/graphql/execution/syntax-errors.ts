import { GraphQLError } from 'graphql';
import { DIGIT } from './free-text.ts';

/**
 * graphql-js' syntax errors that quote more of the document than one character, and what is kept of
 * each. A value written in the document may be a birth date (`found String "1997-01-16"`, `found
 * Int "-12"` of an unquoted one); the token's kind, a punctuator and the location say enough.
 */
const QUOTING_SYNTAX_ERRORS: readonly (readonly [RegExp, string])[] = [
  // `Expected ":", found String "…".`, `Unexpected Int "…".`: the token desc ends the message.
  [/ (String|BlockString|Int|Float) ".*"\.$/s, ' $1.'],
  // `Invalid Unicode escape sequence: "\u{…}".`, `Invalid character escape sequence: "\-".`
  [/ (escape sequence): ".*"\.$/s, ' $1.'],
];

/**
 * A syntax error without the text of the document it quotes, and without a name it quotes holding a
 * digit (`Unexpected Name "Taro19770717"`), as a validation message; the same error when it quotes neither.
 */
export function unquotedSyntaxError(error: GraphQLError): GraphQLError {
  const unquoted = QUOTING_SYNTAX_ERRORS.reduce((text, [quoting, kept]) => text.replace(quoting, kept), error.message);
  return withMessage(error, unquoted.replace(QUOTED_NAME_WITH_DIGIT, NAME_WITH_DIGIT));
}

/** The same error (its place and extensions) with `message`; the error itself when that is its message already. */
function withMessage(error: GraphQLError, message: string): GraphQLError {
  if (message === error.message) return error;
  return new GraphQLError(message, { source: error.source, positions: error.positions, extensions: error.extensions });
}

/**
 * A GraphQL name the client chose, quoted by a validation message (`"Taro19770717"`, `"$a1977"`,
 * `"@b1977"`), holding a digit: where a date can hide, as in the names the log leaves out
 * (operation-facts.ts). No name of the schema holds a digit, so none is hidden; a path such as
 * `"inputs[0].birthDate"` is no name. A GraphQL name's digits are ASCII, but the rule reads the one
 * definition of a digit (free-text.ts), so no second one can drift from it.
 */
const QUOTED_NAME_WITH_DIGIT = new RegExp(String.raw`"([$@]?)(?=\w*${DIGIT.source})[_A-Za-z]\w*"`, 'gu');

/** What a name the client chose holding a digit is written as. */
const HIDDEN_NAME = '<a name with a digit>';

/** What a quoted name holding a digit is written as, its `$` or `@` kept. */
const NAME_WITH_DIGIT = `"$1${HIDDEN_NAME}"`;

/** A name the client chose, as an error message shows it: hidden when it holds a digit, as a quoted one is. */
export function shownName(name: string): string {
  return DIGIT.test(name) ? HIDDEN_NAME : name;
}

/** A validation error without the client's names that hold a digit; the location still points at each. */
export function withoutNamesHoldingDigits(error: GraphQLError): GraphQLError {
  return withMessage(error, error.message.replace(QUOTED_NAME_WITH_DIGIT, NAME_WITH_DIGIT));
}
