import type { IsoDate } from '../../domain/calendar.ts';
import { toWareki } from '../../domain/eras.ts';
import { inRuleOrder } from '../../domain/applied-rules.ts';
import { renewalWindow, type RenewalWindow as RenewalWindowShape } from '../../domain/renewal.ts';
import { assertSupportedDate } from '../../domain/validity-input.ts';
import { builder, type FieldBuilder } from './builder.ts';
import { ruleSourcesField } from './source.ts';
import { asUserInput } from './user-input.ts';
import { noteFields } from './validity-notes.ts';

// The renewal window (更新可能期間) of one expiry date (docs/domain-rules.md §3), alone or inside a
// validity answer.

export const RenewalPhase = builder.enumType('RenewalPhase', {
  description: 'Where `asOf` falls relative to the renewal window.',
  values: {
    NOT_YET_OPEN: {
      description:
        'Before `opensOn`: not yet a renewal. Applying now is possible, but the new certificate runs one year shorter (the note RENEWAL_WINDOW_NOT_YET_OPEN says so, with `opensOn`; not on a card that ends on or before the 5th birthday after `asOf`, which would end a certificate applied for now as it would a renewal inside the window).',
    },
    OPEN: { description: 'From `opensOn` to `expiresOn`: renewable now.' },
    EXPIRED_STILL_RENEWABLE: {
      description:
        'After `expiresOn`: expired; the window has no end, and renewal is free (the note EXPIRED_STILL_RENEWABLE says so and what expiry stops). Not claimed on a card that ended with the certificate or before, or has expired by `asOf`: no source says a certificate is renewed onto an expired card.',
    },
  } as const,
});

export interface RenewalWindowResult extends RenewalWindowShape {
  feeYen: number;
  /** The day `phase` is for. */
  asOf: IsoDate;
}

/** The rule of the renewal fee, named by the sources of a window and of its certificate. */
export const FEE_RULE = 'RENEWAL_FEE';

/** A window with the renewal fee, whose rule the window's sources then name too, and the day its phase is for. */
export function withFee(window: RenewalWindowShape, feeYen: number, asOf: IsoDate): RenewalWindowResult {
  return { ...window, feeYen, asOf, rules: inRuleOrder([...window.rules, FEE_RULE]) };
}

export function wareki(date: IsoDate): string {
  const text = toWareki(date);
  if (text === null) throw new Error(`no Japanese era for ${date}`);
  return text;
}

/** The window's notes: its first day moved to the 1st of the next month, and, before it opens, what applying early means, or, after expiry, what expiry stops (one phase at a time). */
const MAX_WINDOW_NOTES = 2;

export const RenewalWindow = builder.objectRef<RenewalWindowResult>('RenewalWindow').implement({
  description: 'When a certificate can be renewed (更新可能期間): from 3 months before the day after expiry, with no end; with the sources of its rules.',
  fields: (t) => ({
    expiresOn: t.field({ type: 'Date', description: 'Last day of validity (有効期限).', resolve: (w) => w.expiresOn }),
    expiresOnWareki: t.string({ description: '`expiresOn` in the Japanese era form (和暦), e.g. 令和7年4月10日.', resolve: (w) => wareki(w.expiresOn) }),
    opensOn: t.field({
      type: 'Date',
      description:
        'First day renewal is possible: (expiresOn + 1 day) − 3 months; when that day does not exist in its month, the 1st of the next month (Nerima City states it; the note RENEWAL_WINDOW_OPENS_ON_FIRST_OF_NEXT_MONTH says so).',
      resolve: (w) => w.opensOn,
    }),
    opensOnWareki: t.string({ description: '`opensOn` in the Japanese era form (和暦).', resolve: (w) => wareki(w.opensOn) }),
    phase: t.field({ type: RenewalPhase, description: 'Where `asOf` falls relative to the window.', resolve: (w) => w.phase }),
    asOf: t.field({
      type: 'Date',
      description: 'The day `phase` is for: the `asOf` given, or, when none was, today in Asia/Tokyo as the server counted it (around midnight, the day the answer is for).',
      resolve: (w) => w.asOf,
    }),
    fee: t.exposeInt('feeYen', { description: 'Renewal fee in yen: 0, also after expiry (not when the card was lost or damaged).' }),
    ...noteFields(
      t as FieldBuilder<RenewalWindowResult>,
      MAX_WINDOW_NOTES,
      'here only: the window opens on the 1st of the next month when its first day does not exist; before it opens, applying is possible but one year shorter, with the day it opens; after expiry, services using the certificate stop until renewal, which stays free (the year less not on a card that ends on or before the 5th birthday after `asOf`; renewal after expiry neither on a card that ends with the certificate or before, nor on a card expired by `asOf`)',
    ),
    sources: ruleSourcesField(t as FieldBuilder<RenewalWindowResult>, 'this window (and its fee)'),
  }),
});

builder.queryField('renewalWindow', (t) =>
  t.field({
    type: RenewalWindow,
    description: 'The renewal window of a certificate expiring on `expiresOn`, and its phase on `asOf`.',
    args: {
      // An expiry date is a birthday: personal data (operation-facts.ts).
      expiresOn: t.arg({ type: 'Date', required: true, extensions: { personalData: true }, description: 'The certificate\'s expiry date (有効期限).' }),
      asOf: t.arg({ type: 'Date', extensions: { personalData: false }, description: 'Day to compute the phase for; default: today in Asia/Tokyo.' }),
    },
    resolve: (_root, args, ctx) => {
      const asOf = args.asOf ?? ctx.today();
      const rules = ctx.rules();
      return asUserInput(null, () => {
        assertSupportedDate('expiresOn', args.expiresOn);
        assertSupportedDate('asOf', asOf);
        return withFee(renewalWindow(args.expiresOn, asOf, rules.validity), rules.renewalFeeYen, asOf);
      });
    },
  }),
);
