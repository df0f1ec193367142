import { resolveArrayConnection } from '@pothos/plugin-relay';
import type { OfficeRow } from '../../db/queries.ts';
import { builder, type FieldBuilder } from './builder.ts';
import { OfficeKind, ProcedureKind, Ward } from './enums.ts';
import { PAGED_COST } from './field-cost.ts';
import { localized, localizedOrNull, LocalizedText } from './localized-text.ts';
import { registerNodeLoader } from './node.ts';
import { pageArguments } from './paging.ts';
import { sourceField } from './source.ts';

export const Office = builder.node(builder.objectRef<OfficeRow>('Office'), {
  description: 'An office where residents do the certificate procedures: a ward office (区役所) or the My Number Card Center.',
  id: { resolve: (office) => office.id },
  fields: (t) => ({
    key: t.exposeString('id', { description: 'Stable readable key, e.g. `chuo-ward-office`.' }),
    kind: t.field({ type: OfficeKind, description: 'Ward office or card centre.', resolve: (office) => office.kind }),
    ward: t.field({ type: Ward, nullable: true, description: 'The ward of a ward office; null for the card centre.', resolve: (office) => office.ward }),
    wardCode: t.exposeString('wardCode', { nullable: true, description: 'The ward\'s 6-digit local government code (全国地方公共団体コード), e.g. "011011"; null for the card centre.' }),
    name: t.field({ type: LocalizedText, description: 'Name of the office (庁舎名).', resolve: (office) => localized(office.nameJa, office.nameEn) }),
    nameKana: t.exposeString('nameKana', { description: 'Reading of the name in katakana (名称カナ).' }),
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
      description: 'Whether a visit needs a reservation (要予約), as the source says: true for the card centre; null where no source says.',
    }),
    procedures: t.field({
      type: [ProcedureKind],
      description: 'Procedures this kind of office handles (for the residents it serves; see `officesForProcedure`).',
      resolve: async (office, _args, ctx) => (await ctx.loaders.proceduresByOfficeKind.load(office.kind)).map((row) => row.procedure),
    }),
    source: sourceField(t as FieldBuilder<OfficeRow>),
  }),
});

registerNodeLoader('Office', (ctx, key) => ctx.loaders.office.load(key));

builder.queryFields((t) => ({
  offices: t.connection(
    {
      type: Office,
      description: 'All offices, in the source\'s order, optionally filtered by kind or ward.',
      extensions: PAGED_COST,
      args: {
        kind: t.arg({ type: OfficeKind, description: 'Only offices of this kind.' }),
        ward: t.arg({ type: Ward, description: 'Only the office of this ward.' }),
      },
      resolve: (_root, args, ctx) => {
        const paging = pageArguments(args);
        const offices = ctx.queries.allOffices
          .all()
          .filter((office) => (args.kind == null || office.kind === args.kind) && (args.ward == null || office.ward === args.ward));
        return { ...resolveArrayConnection({ args: paging }, offices), totalCount: offices.length };
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
