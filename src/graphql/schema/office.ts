import { EVERY_ROW } from '../../db/loaders.ts';
import type { OfficeRow } from '../../db/queries.ts';
import { PROCEDURE_KINDS } from '../../domain/vocabulary.ts';
import { builder, present, type LocalizedTextShape } from './builder.ts';
import { OfficeKind, ProcedureKind, Ward } from './enums.ts';
import { boundedListCost, PAGED_COST } from './field-cost.ts';
import { localized, localizedOrNull, LocalizedText } from './localized-text.ts';
import { registerNodeLoader } from './node.ts';
import { DEFAULT_PAGE_SIZE, pageArguments, pageOf } from './paging.ts';
import { Source, sourceOf } from './source.ts';

const OfficeReservation = builder.objectRef<{ when: LocalizedTextShape; purpose: LocalizedTextShape }>('OfficeReservation').implement({
  description: 'A reservation (要予約) a source asks for, scoped as it says: when, and for what. The office\'s `source` is the page.',
  fields: (t) => ({
    when: t.field({ type: LocalizedText, description: 'When a reservation is needed, verbatim, e.g. 土日などの区役所閉庁時間帯.', resolve: (r) => r.when }),
    purpose: t.field({ type: LocalizedText, description: 'For what, verbatim, e.g. カードのお受け取りなど (receiving a card and the like).', resolve: (r) => r.purpose }),
  }),
});

export const Office = builder.node(builder.objectRef<OfficeRow>('Office'), {
  description: 'An office where residents do the certificate procedures: a ward office (区役所) or the My Number Card Center.',
  id: { resolve: (office) => office.id },
  fields: (t) => ({
    key: t.exposeString('id', { description: 'Stable readable key, e.g. `chuo-ward-office`.' }),
    kind: t.field({ type: OfficeKind, description: 'Ward office or card centre.', resolve: (office) => office.kind }),
    ward: t.field({ type: Ward, nullable: true, description: 'The ward of a ward office; null for the card centre.', resolve: (office) => office.ward }),
    wardCode: t.exposeString('wardCode', {
      nullable: true,
      description: 'The ward\'s 6-digit local government code (全国地方公共団体コード, check digit included), e.g. "011011", as 総務省 assigns it (`wardCodeSource`); null for the card centre.',
      extensions: { sourcedBy: 'wardCodeSource' },
    }),
    wardCodeSource: t.field({
      type: Source,
      nullable: true,
      description: 'Who assigns `wardCode`: 総務省\'s list of local government codes, not the city\'s page; null for the card centre.',
      resolve: (office, _args, ctx) => (office.wardSourceId === null ? null : sourceOf(ctx, office.wardSourceId)),
    }),
    name: t.field({ type: LocalizedText, description: 'Name of the office (庁舎名).', resolve: (office) => localized(office.nameJa, office.nameEn) }),
    nameKana: t.exposeString('nameKana', {
      description:
        'Reading of the name in katakana (名称カナ). No stored page prints it: it is the reading of the place name in 総務省\'s code list (`nameKanaSource`: 市区町村名（カナ）, e.g. チュウオウク, サッポロシ) followed by ヤクショ (役所) or the name\'s own katakana.',
      extensions: { sourcedBy: 'nameKanaSource' },
    }),
    nameKanaSource: t.field({
      type: Source,
      description: 'Where the place name\'s reading in `nameKana` comes from: 総務省\'s list of local government codes.',
      resolve: (office, _args, ctx) => {
        if (office.nameKanaSourceId === null) throw new Error(`office ${office.id} has no source for its reading in the database`);
        return sourceOf(ctx, office.nameKanaSourceId);
      },
    }),
    department: t.field({
      type: LocalizedText,
      nullable: true,
      description: 'The division that handles the procedures (担当課), e.g. 戸籍住民課; null where not published.',
      resolve: (office) => localizedOrNull(office.departmentJa, office.departmentEn),
    }),
    postalCode: t.exposeString('postalCode', { nullable: true, description: 'Postal code (郵便番号) as printed, e.g. "060-8612"; null where not published.' }),
    address: t.field({
      type: LocalizedText,
      nullable: true,
      description: 'Street address (所在地); null where not published.',
      resolve: (office) => localizedOrNull(office.addressJa, office.addressEn),
    }),
    phone: t.exposeString('phone', { nullable: true, description: 'Phone number (電話番号) as printed, e.g. "011-205-3238"; null where not published.' }),
    availability: t.field({
      type: LocalizedText,
      nullable: true,
      description:
        'When the office serves, as its source says: the card centre serves when the ward offices are closed (e.g. weekends), by reservation (要予約). Null where no source says; opening hours are not published.',
      resolve: (office) => localizedOrNull(office.availabilityJa, office.availabilityEn),
    }),
    reservationRequired: t.exposeBoolean('reservationRequired', {
      nullable: true,
      description:
        'Whether every visit needs a reservation (要予約), where a source says so; null where none does. The card centre\'s source asks for one only for some visits: `reservation` says when and for what.',
    }),
    reservation: t.field({
      type: OfficeReservation,
      nullable: true,
      description: 'When, and for what, a visit needs a reservation (要予約), in the source\'s words: the card centre when the ward offices are closed (weekends), e.g. to receive a card; null where no source asks for one.',
      resolve: (office) =>
        office.reservationWhenJa === null || office.reservationWhenEn === null || office.reservationPurposeJa === null || office.reservationPurposeEn === null
          ? null
          : { when: localized(office.reservationWhenJa, office.reservationWhenEn), purpose: localized(office.reservationPurposeJa, office.reservationPurposeEn) },
    }),
    procedures: t.field({
      type: [ProcedureKind],
      extensions: { sourcedBy: 'procedureSources' },
      description: 'Procedures this kind of office handles (for the residents it serves; see `officesForProcedure`).',
      resolve: async (office, _args, ctx) => (await ctx.loaders.proceduresByOfficeKind.load(office.kind)).map((row) => row.procedure),
    }),
    procedureSources: t.field({
      type: [Source],
      extensions: boundedListCost(PROCEDURE_KINDS.length),
      description:
        'The public pages that say which procedures this office handles (`procedures`): each procedure\'s own page, each once. The city\'s page, also for the card centre, whose `source` (its address and availability) is another page.',
      resolve: async (office, _args, ctx) => {
        const kinds = (await ctx.loaders.proceduresByOfficeKind.load(office.kind)).map((row) => row.procedure);
        const rows = await Promise.all(kinds.map((kind) => present(ctx.loaders.procedure.load(kind), `procedure ${kind}`)));
        return Promise.all([...new Set(rows.map((row) => row.sourceId))].map((id) => sourceOf(ctx, id)));
      },
    }),
    source: t.field({
      type: Source,
      description: 'The public page the office\'s own facts (name, address, phone, availability) come from; `procedureSources` names the pages of its procedures.',
      resolve: (office, _args, ctx) => sourceOf(ctx, office.sourceId),
    }),
  }),
});

registerNodeLoader('Office', (ctx, key) => ctx.loaders.office.load(key));

builder.queryFields((t) => ({
  offices: t.connection(
    {
      type: Office,
      description: `All offices, in the source's order, optionally filtered by kind or ward; ${DEFAULT_PAGE_SIZE} a page without \`first\` or \`last\`.`,
      extensions: PAGED_COST,
      args: {
        kind: t.arg({ type: OfficeKind, description: 'Only offices of this kind.' }),
        ward: t.arg({ type: Ward, description: 'Only the office of this ward.' }),
      },
      resolve: async (_root, args, ctx) => {
        const paging = pageArguments(args);
        const offices = (await ctx.loaders.allOffices.load(EVERY_ROW)).filter((office) => (args.kind == null || office.kind === args.kind) && (args.ward == null || office.ward === args.ward));
        return { ...pageOf(paging, offices), totalCount: offices.length };
      },
    },
    {
      name: 'OfficeConnection',
      description: 'A page of offices.',
      fields: (c) => ({
        totalCount: c.int({ description: 'Number of offices matching the filters, over all pages.', resolve: (connection) => connection.totalCount }),
      }),
    },
    { name: 'OfficeEdge', description: 'An office with its cursor.' },
  ),
}));
