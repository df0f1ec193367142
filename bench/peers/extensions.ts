/**
 * The `extensions` the project puts in every answer (`{ cost: { requested, limit }, schemaVersion }`,
 * src/graphql/execution/engine.ts), computed by the peers the way the project computes them: the
 * cost by `checkOperationCost` (src/graphql/execution/cost.ts), kept per parsed document when it
 * read no variable, as the project's operation catalog keeps it. A peer that left them out would
 * answer other bytes, and do less work, than the server it is compared with.
 */
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { loadConfig } from '../../src/config.ts';
import { checkOperationCost } from '../../src/graphql/execution/cost.ts';
import { readSchemaVersion } from '../../src/schema-version.ts';

// A type rather than an interface: graphql's `extensions` map takes it only without a closed shape.
export type AnswerExtensions = {
  cost: { requested: number | null; limit: number };
  schemaVersion: string;
};

/** Returns the function giving one request's extensions; `null` cost when the check refused it (no bench operation is). */
export function answerExtensions(schema: GraphQLSchema): (document: DocumentNode, operationName: string | null | undefined, variables: Readonly<Record<string, unknown>> | undefined) => AnswerExtensions {
  // The peers run with the project's defaults (no MAX_COST set, as for the project in the bench).
  const { maxCost } = loadConfig(process.env).limits;
  const schemaVersion = readSchemaVersion();
  const fixedCosts = new WeakMap<DocumentNode, Map<string, number>>();
  return (document, operationName, variables) => {
    const name = operationName ?? '';
    let requested = fixedCosts.get(document)?.get(name) ?? null;
    if (requested === null) {
      const checked = checkOperationCost(schema, document, operationName, variables ?? {}, maxCost);
      if (!(checked instanceof GraphQLError)) {
        requested = checked.cost;
        if (!checked.readVariables) {
          if (!fixedCosts.has(document)) fixedCosts.set(document, new Map());
          fixedCosts.get(document)!.set(name, checked.cost);
        }
      }
    }
    return { cost: { requested, limit: maxCost }, schemaVersion };
  };
}
