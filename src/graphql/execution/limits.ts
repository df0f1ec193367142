import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import {
  getOperationAST,
  GraphQLError,
  Kind,
  Lexer,
  parse,
  Source,
  TokenKind,
  validate,
  ValuesOfCorrectTypeRule,
  type DocumentNode,
  type GraphQLSchema,
  type ParseOptions,
  type ValidationRule,
  type VariableDefinitionNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ErrorCode, REQUEST_REFUSED, refusedRequestError } from '../errors.ts';
import { withArgumentErrorsTold } from './argument-errors.ts';
import { checkOperationCost } from './cost.ts';
import { SafeValuesOfCorrectTypeRule, variableErrors } from './input-errors.ts';
import type { CatalogEntry } from './operation-catalog.ts';
import { checkSelectionWidth, type SelectionLimits } from './selection-limits.ts';
import { exceedsInputShape, inputShapeOf } from './variable-shape.ts';

/** The limits an operation is held to (docs/analysts.md, "Cost and limits"); the settings give them. */
export interface ExecutionLimits extends SelectionLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Operations in one document. */
  maxOperations: number;
  /** Estimated resolver calls of one operation; lists count by their items. */
  maxCost: number;
}

/**
 * More than `maxOperations` operations in one document, refused before validation: graphql-js
 * validates every operation of a document, whichever one is run, and spent about 12 ms on one of
 * ~370 small operations within MAX_TOKENS (docs/performance.md). A linear count of the definitions.
 */
export function checkOperationCount(document: DocumentNode, maxOperations: number): GraphQLError | null {
  let operations = 0;
  for (const definition of document.definitions) if (definition.kind === Kind.OPERATION_DEFINITION) operations++;
  if (operations <= maxOperations) return null;
  return refusedRequestError(
    `The document has ${operations} operations; at most ${maxOperations} are accepted in one document. Send only the operations you run.`,
    ErrorCode.OPERATION_LIMIT_EXCEEDED,
    { limit: maxOperations },
  );
}

/** graphql-armor reports limits as bare messages; each gets its code before it is thrown. */
const ARMOR_PREFIX = /^Syntax Error: /;

function coded(code: string) {
  return {
    propagateOnRejection: true,
    onReject: [
      (_context: unknown, error: GraphQLError) => {
        Object.assign(error.extensions as Record<string, unknown>, { code, http: REQUEST_REFUSED });
        // Armor words its refusals as syntax errors; the document parsed, it is over a limit.
        error.message = error.message.replace(ARMOR_PREFIX, '');
      },
    ],
  };
}

/** Most validation errors reported for one document: a document of a thousand mistakes costs no more than one of twenty. */
const MAX_VALIDATION_ERRORS = 20;

/**
 * Validation that quotes no literal, gives no suggestions in production, stops early, and never
 * starts on a document too wide to check in time (selection-limits.ts). The width check runs once
 * per document: its verdict is kept with the parsed document.
 */
function useBoundedValidation(limits: SelectionLimits, hideSuggestions: boolean): Plugin {
  const widthChecked = new WeakMap<DocumentNode, GraphQLError | null>();
  return {
    onValidate({ params, setValidationFn, setResult }) {
      let tooWide = widthChecked.get(params.documentAST);
      if (tooWide === undefined) {
        tooWide = checkSelectionWidth(params.documentAST, limits);
        widthChecked.set(params.documentAST, tooWide);
      }
      if (tooWide !== null) {
        setResult([tooWide]);
        return;
      }
      setValidationFn((schema, document, rules) =>
        validate(schema, document, rules?.map((rule: ValidationRule) => (rule === ValuesOfCorrectTypeRule ? SafeValuesOfCorrectTypeRule : rule)), {
          hideSuggestions,
          maxErrors: MAX_VALIDATION_ERRORS,
        }),
      );
    },
  };
}

/**
 * Errors about the variables that never quote a value (input-errors.ts). Execution coerces the
 * variables first, compiled or interpreted, and answers without `data` when it cannot; only then
 * are its errors, which quote the values, replaced by ours: a request with good variables pays for
 * one coercion. A value that fits no input type of the schema, an object wider or a value deeper
 * than any takes (variable-shape.ts), is refused before execution instead: its coercion quotes the
 * whole object at each of up to 50 unknown keys. An argument holding a variable given null where a
 * value is required is refused with `data`, at its field, told without the value graphql-js prints;
 * a root selection's directive, refused before any field ran, is BAD_USER_INPUT too (argument-errors.ts).
 */
const useSafeVariableErrors: Plugin = {
  onExecute({ args, setResultAndStopExecution }) {
    const definitions = getOperationAST(args.document, args.operationName)?.variableDefinitions ?? [];
    const variables = args.variableValues ?? {};
    if (definitions.length > 0 && fitsNoInputType(args.schema, definitions, variables)) {
      setResultAndStopExecution({ errors: safeVariableErrors(args.schema, definitions, variables) });
      return undefined;
    }
    return {
      onExecuteDone({ result, setResult }) {
        if (!('errors' in result) || !result.errors?.length) return;
        if ('data' in result) {
          const told = withArgumentErrorsTold(result, args.schema, args.document, variables);
          if (told !== result) setResult(told);
          return;
        }
        setResult({ errors: safeVariableErrors(args.schema, definitions, variables) });
      },
    };
  },
};

function fitsNoInputType(schema: GraphQLSchema, definitions: readonly VariableDefinitionNode[], variables: Readonly<Record<string, unknown>>): boolean {
  const shape = inputShapeOf(schema);
  return definitions.some(({ variable }) => Object.hasOwn(variables, variable.name.value) && exceedsInputShape(variables[variable.name.value], shape));
}

/** Our errors for variables execution cannot take; should the two coercions ever disagree, the answer still names no value. */
function safeVariableErrors(schema: GraphQLSchema, definitions: readonly VariableDefinitionNode[], variables: Readonly<Record<string, unknown>>): GraphQLError[] {
  const errors = variableErrors(schema, definitions, variables);
  return errors.length > 0 ? errors : [refusedRequestError('The variables do not fit the operation\'s declared types.', ErrorCode.BAD_USER_INPUT)];
}

/**
 * The cost check (cost.ts), made before validation: an operation over `MAX_COST` is refused before
 * graphql-js spends on it (the walk is linear, stops at the limit, and reads an unvalidated document
 * safely: an unknown field counts 1, a fragment cycle 0). A cost that read no variable is kept with
 * the validated document's catalog entry, so a known operation is not walked again.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null,
  variables: Record<string, unknown>,
  maxCost: number,
  entry: CatalogEntry | undefined,
): number | GraphQLError {
  const name = operationName ?? '';
  const fixed = entry?.fixedCosts.get(name);
  if (fixed !== undefined) return fixed;
  const checked = checkOperationCost(schema, document, operationName, variables, maxCost);
  if (checked instanceof GraphQLError) return checked;
  if (!checked.readVariables) entry?.fixedCosts.set(name, checked.cost);
  return checked.cost;
}

/** What graphql-js' parser throws at its token limit (`ParseOptions.maxTokens`; "that" is its own spelling in 16). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more tha[nt] \d+ tokens\. Parsing aborted\.$/;

/**
 * The token limit, counted by graphql-js' own parser (`ParseOptions.maxTokens`) rather than by
 * graphql-armor's max-tokens plugin, which wraps the lexer in a Proxy: every property the parser
 * reads goes through it, and each `advance` makes a closure. The same documents parse in a third of
 * the time (0.2–0.55 ms against 0.6–1.6 ms at 3,000 tokens; docs/library-choices.md). The refusal
 * keeps armor's message and our code.
 */
function useTokenLimit(maxTokens: number, maxNesting: number): Plugin {
  const parseWithin = (source: string | Source, options?: ParseOptions): DocumentNode => {
    const tooDeep = nestingRefusal(source, maxTokens, maxNesting);
    if (tooDeep) throw tooDeep;
    try {
      return parse(source, { ...options, maxTokens });
    } catch (error) {
      if (error instanceof GraphQLError && TOKEN_LIMIT_MESSAGE.test(error.message)) {
        throw refusedRequestError(`Syntax Error: Token limit of ${maxTokens} exceeded.`, ErrorCode.TOKEN_LIMIT_EXCEEDED);
      }
      throw error;
    }
  };
  return {
    onParse({ setParseFn }) {
      setParseFn(parseWithin);
    },
  };
}

/**
 * How deep brackets, braces and parentheses may nest. graphql-js parses a document by recursion, a
 * few stack frames a level: a list literal 2,000 levels deep (4,000 tokens, the first 3,000 read
 * before the token limit stops it) overflowed the stack of a process whose parser was not optimised
 * yet, a 500. A document within MAX_DEPTH nests its selections that deep and its arguments a few
 * more: the limit is 100, or twice MAX_DEPTH where that is more (MAX_DEPTH may be raised to 100).
 */
const nestingLimit = (maxDepth: number): number => Math.max(100, 2 * maxDepth);

const OPENING: ReadonlySet<string> = new Set([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING: ReadonlySet<string> = new Set([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * Refuses a document nested deeper than `maxNesting` before the parser recurses into it: one pass of
 * graphql-js' lexer, which loops, over at most `maxTokens` tokens (past them the parser refuses the
 * document itself). A lexing error is left for the parser to report.
 */
function nestingRefusal(source: string | Source, maxTokens: number, maxNesting: number): GraphQLError | null {
  const lexer = new Lexer(typeof source === 'string' ? new Source(source) : source);
  let depth = 0;
  try {
    for (let count = 0; count < maxTokens; count++) {
      const token = lexer.advance();
      if (token.kind === TokenKind.EOF) return null;
      if (OPENING.has(token.kind) && ++depth > maxNesting) {
        return refusedRequestError(`Brackets, braces and parentheses are nested more than ${maxNesting} deep.`, ErrorCode.QUERY_TOO_COMPLEX, { limit: maxNesting });
      }
      if (CLOSING.has(token.kind)) depth--;
    }
  } catch {
    return null;
  }
  return null;
}

/** The limits applied by plugins, in the order they apply: tokens (parse), width and armor (validation); and the safe variable errors. The cost is checked between parse and validation (operationCost). */
export function limitPlugins(limits: ExecutionLimits, hideSuggestions: boolean): Plugin[] {
  return [
    useTokenLimit(limits.maxTokens, nestingLimit(limits.maxDepth)),
    EnvelopArmorPlugin({
      maxDepth: { n: limits.maxDepth, ignoreIntrospection: false, flattenFragments: true, ...coded(ErrorCode.DEPTH_LIMIT_EXCEEDED) },
      maxAliases: { n: limits.maxAliases, ...coded(ErrorCode.ALIAS_LIMIT_EXCEEDED) },
      maxDirectives: { n: limits.maxDirectives, ...coded(ErrorCode.DIRECTIVE_LIMIT_EXCEEDED) },
      maxTokens: { enabled: false },
      // Cost is ours (cost.ts): armor's cannot see list arguments, page sizes or declared list bounds.
      costLimit: { enabled: false },
      // Suggestions are not made at all in production (validate's hideSuggestions), rather than made and removed.
      blockFieldSuggestion: { enabled: false },
    }) as Plugin,
    useBoundedValidation(limits, hideSuggestions),
    useSafeVariableErrors,
  ];
}
