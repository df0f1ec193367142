import { EVERY_ROW } from '../../db/loaders.ts';
import type { AppliedRule } from '../../domain/applied-rules.ts';
import type { SourceRow } from '../../db/queries.ts';
import { builder, present, type Context, type FieldBuilder } from './builder.ts';
import { boundedListCost } from './field-cost.ts';
import { localized, LocalizedText } from './localized-text.ts';

const SourceKind = builder.enumType('SourceKind', {
  description: 'What kind of source a fact has.',
  values: {
    PUBLIC_PAGE: { description: 'A public web page (the city\'s, J-LIS\'s, another municipality\'s); `url` where it is known.' },
    OUR_POLICY: {
      description: 'A policy of this API, applied where no official statement was found (e.g. the 29 February birthday); there is no page, so `url` is null.',
    },
  } as const,
});

export const Source = builder.objectRef<SourceRow>('Source').implement({
  description: 'Where a fact comes from (出典): a public page, or our own policy where none exists. Every served fact names its source.',
  fields: (t) => ({
    key: t.exposeString('id', { description: 'Stable key of the source, e.g. `sapporo-jpki-page`.' }),
    kind: t.field({ type: SourceKind, description: 'A public page, or a policy of ours.', resolve: (s) => s.kind }),
    title: t.field({
      type: LocalizedText,
      description: 'Title of the page (VERBATIM), or our description of it (COMPOSED).',
      resolve: (s) => localized(s.titleJa, s.titleEn, s.titleJaKind),
    }),
    publisher: t.field({
      type: LocalizedText,
      description: 'Who publishes it (発行者), as we name them.',
      resolve: (s) => localized(s.publisherJa, s.publisherEn, 'COMPOSED'),
    }),
    url: t.exposeString('url', { nullable: true, description: 'Address of the page, where it is known; null otherwise (always null for OUR_POLICY).' }),
  }),
});

/** The source row a foreign key names. */
export function sourceOf(ctx: Context, sourceId: string): Promise<SourceRow> {
  return present(ctx.loaders.source.load(sourceId), `source ${sourceId}`);
}

/** Adds the `source` field that every sourced type carries. */
export function sourceField<Row extends { sourceId: string }>(t: FieldBuilder<Row>) {
  return t.field({
    type: Source,
    description: 'The public page this fact comes from.',
    resolve: (row, _args, ctx) => sourceOf(ctx, row.sourceId),
  });
}

/**
 * Most sources the rules of one answer can name (the rules cite 7 pages and our policy today); the
 * cost model multiplies what is selected under `sources` by this (docs/api-contract.md §7).
 */
export const MAX_RULE_SOURCES = 10;

/** The sources of the rules an answer applied, in the rules' order, each once. */
export async function sourcesOfRules(ctx: Context, rules: readonly AppliedRule[]): Promise<SourceRow[]> {
  const ids = [...new Set((await ctx.loaders.ruleSources.loadMany(rules)).flatMap((rows, index) => {
    // The loader's own error (a database fault) goes on as it is, so it is answered as one (503).
    if (rows instanceof Error) throw rows;
    if (rows.length === 0) throw new Error(`rule ${rules[index]} has no source in the database`);
    return rows.map((row) => row.sourceId);
  }))];
  return Promise.all(ids.map((id) => sourceOf(ctx, id)));
}

/** `sources` of a computed answer: the pages (and our policy) of every rule it applied; `what` names the answer in the description. */
export function ruleSourcesField<Answer extends { rules: readonly AppliedRule[] }>(t: FieldBuilder<Answer>, what: string) {
  return t.field({
    type: [Source],
    extensions: boundedListCost(MAX_RULE_SOURCES),
    description: `The sources of every rule ${what} applied: each public page with its \`url\`, and our policy (kind OUR_POLICY, no page) where one applied; in the order of the rules, each once, never empty.`,
    resolve: (answer, _args, ctx) => sourcesOfRules(ctx, answer.rules),
  });
}

builder.queryField('sources', (t) =>
  t.field({
    type: [Source],
    extensions: boundedListCost(50),
    description: 'Every source the served facts come from: public pages, and our policy where no official statement exists.',
    resolve: (_root, _args, ctx) => ctx.loaders.allSources.load(EVERY_ROW),
  }),
);
