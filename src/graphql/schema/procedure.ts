import { EVERY_ROW } from '../../db/loaders.ts';
import { officeServesResident } from '../../domain/offices.ts';
import { type ProcedureKind as ProcedureKindValue, type WardKey, OFFICE_KINDS, PROCEDURE_KINDS } from '../../domain/vocabulary.ts';
import type { OfficeRow, ProcedureRow } from '../../db/queries.ts';
import { builder, present, type Context, type FieldBuilder } from './builder.ts';
import { boundedListCost } from './field-cost.ts';
import { ProcedureKind, Ward } from './enums.ts';
import { IdDocumentList } from './id-document.ts';
import { localized, LocalizedText, localizedRows } from './localized-text.ts';
import { registerNodeLoader } from './node.ts';
import { Office } from './office.ts';
import { sourceField } from './source.ts';

/** The offices where a resident of `residentWard` may do `procedure`: their own ward office and the card centre. */
async function officesServing(ctx: Context, procedure: ProcedureKindValue, residentWard: WardKey): Promise<OfficeRow[]> {
  const rules = await ctx.loaders.procedureOffices.load(procedure);
  const candidates = await Promise.all(
    rules.map(async (rule) => ({ rule: rule.residenceRule, offices: await ctx.loaders.officesByKind.load(rule.officeKind) })),
  );
  return candidates
    .flatMap(({ rule, offices }) => offices.filter((office) => officeServesResident(office, rule, residentWard)))
    .sort((a, b) => a.position - b.position);
}

export const Procedure = builder.node(builder.objectRef<ProcedureRow>('Procedure'), {
  description: 'A procedure for the electronic certificates: where to go, what to bring, what it costs.',
  id: { resolve: (procedure) => procedure.kind },
  fields: (t) => ({
    kind: t.field({ type: ProcedureKind, description: 'Which procedure.', resolve: (procedure) => procedure.kind }),
    name: t.field({
      type: LocalizedText,
      description: 'Name of the procedure: a short label of ours for the page\'s section (`jaKind` COMPOSED).',
      resolve: (p) => localized(p.nameJa, p.nameEn, p.nameJaKind),
    }),
    requirements: t.field({
      type: [LocalizedText],
      extensions: boundedListCost(20),
      description: 'What to bring, know or expect, in the source\'s words and order; where the source says something only by implication (the PIN procedure needs the card), our line, marked `jaKind` COMPOSED.',
      resolve: async (p, _args, ctx) => localizedRows((await ctx.loaders.procedureItems.load(p.kind)).filter((item) => item.category === 'REQUIREMENT')),
    }),
    notes: t.field({
      type: [LocalizedText],
      extensions: boundedListCost(20),
      description: 'What the source page adds about the procedure (notice letters, what stops after expiry, fees, locks, waiting times).',
      resolve: async (p, _args, ctx) => localizedRows((await ctx.loaders.procedureItems.load(p.kind)).filter((item) => item.category === 'NOTE')),
    }),
    idDocumentList: t.field({
      type: IdDocumentList,
      nullable: true,
      description: 'The identity documents to bring, where the procedure asks for some: list A for PIN_RESET (its 2nd visit); null otherwise.',
      resolve: (p, _args, ctx) => (p.idDocumentListCode === null ? null : present(ctx.loaders.idDocumentList.load(p.idDocumentListCode), `ID document list ${p.idDocumentListCode}`)),
    }),
    feeYen: t.exposeInt('feeYen', {
      nullable: true,
      description: 'Fee in yen (手数料): 0 for renewal (also after expiry; not when the card was lost or damaged); null where the source names no fee.',
    }),
    offices: t.field({
      type: [Office],
      // At most one office of each kind serves a resident: their ward's office and the card centre.
      extensions: boundedListCost(OFFICE_KINDS.length),
      description: 'Offices where a resident of `residentWard` can do this procedure; the same answer as `officesForProcedure`.',
      args: { residentWard: t.arg({ type: Ward, required: true, description: 'The ward the resident lives in / is registered in.' }) },
      resolve: (p, args, ctx) => officesServing(ctx, p.kind, args.residentWard),
    }),
    source: sourceField(t as FieldBuilder<ProcedureRow>),
  }),
});

registerNodeLoader('Procedure', (ctx, key) => ctx.loaders.procedure.load(key as ProcedureKindValue));

builder.queryFields((t) => ({
  procedures: t.field({
    type: [Procedure],
    extensions: boundedListCost(PROCEDURE_KINDS.length),
    description: 'Every procedure, in the source\'s order.',
    resolve: (_root, _args, ctx) => ctx.loaders.allProcedures.load(EVERY_ROW),
  }),
  procedure: t.field({
    type: Procedure,
    description: 'One procedure by kind.',
    args: { kind: t.arg({ type: ProcedureKind, required: true, description: 'Which procedure.' }) },
    resolve: (_root, args, ctx) => present(ctx.loaders.procedure.load(args.kind), `procedure ${args.kind}`),
  }),
  officesForProcedure: t.field({
    type: [Office],
    extensions: boundedListCost(OFFICE_KINDS.length),
    description: 'Offices where a resident of `residentWard` can do `procedure` (own ward office + card centre).',
    args: {
      procedure: t.arg({ type: ProcedureKind, required: true, description: 'The procedure to do.' }),
      residentWard: t.arg({ type: Ward, required: true, description: 'The ward the resident lives in / is registered in (お住まいの区).' }),
    },
    resolve: (_root, args, ctx) => officesServing(ctx, args.procedure, args.residentWard),
  }),
}));
