import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { checkOperationCost } from './cost.ts';
import { ErrorCode, REQUEST_REFUSED } from '../errors.ts';
import type { ServerContext } from './request-record.ts';

/** The bounds an operation must keep to; src/app.ts maps the settings into them. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Estimated resolver calls of one operation; lists count by their requested size. */
  maxCost: number;
}

function refusal(message: string, code: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: REQUEST_REFUSED } });
}

/** graphql-armor reports limits as bare messages; each gets its code before it is thrown. */
function coded(code: string) {
  return {
    propagateOnRejection: true,
    onReject: [
      (_context: unknown, error: GraphQLError) => {
        Object.assign(error.extensions as Record<string, unknown>, { code, http: REQUEST_REFUSED });
      },
    ],
  };
}

/** Refuses, before execution, any operation whose estimated cost or list sizes exceed the limits. */
function useOperationCost(maxCost: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const checked = checkOperationCost(args.schema, args.document, args.operationName, args.variableValues ?? {}, maxCost);
      if (checked instanceof GraphQLError) {
        setResultAndStopExecution({ errors: [checked] });
        return;
      }
      const { record } = args.contextValue as Partial<ServerContext>;
      if (record) record.cost = checked.cost;
    },
  };
}

/** Depth, aliases, directives, tokens (graphql-armor) and cost, each refused whole with a code. */
export function limitPlugins(limits: OperationLimits, production: boolean): Plugin[] {
  return [
    EnvelopArmorPlugin({
      maxDepth: { n: limits.maxDepth, ignoreIntrospection: false, flattenFragments: true, ...coded(ErrorCode.DEPTH_LIMIT_EXCEEDED) },
      maxAliases: { n: limits.maxAliases, ...coded(ErrorCode.ALIAS_LIMIT_EXCEEDED) },
      maxDirectives: { n: limits.maxDirectives, ...coded(ErrorCode.DIRECTIVE_LIMIT_EXCEEDED) },
      maxTokens: { n: limits.maxTokens, ...coded(ErrorCode.TOKEN_LIMIT_EXCEEDED) },
      // Cost is ours: armor's static cost cannot see list arguments or page sizes.
      costLimit: { enabled: false },
      blockFieldSuggestion: { enabled: production },
    }) as Plugin,
    useOperationCost(limits.maxCost),
  ];
}
