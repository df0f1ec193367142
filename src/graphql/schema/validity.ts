import { toWareki, type IsoDate } from '../../domain/calendar.ts';
import { renewalWindow } from '../../domain/renewal.ts';
import { computeValidity, type CertificateOutcome, type ValidityOutcome } from '../../domain/validity.ts';
import { assertSupportedDate } from '../../domain/validity-input.ts';
import { VALIDITY_NOTES } from '../../domain/validity-notes.ts';
import type { RenewalWindow as RenewalWindowShape } from '../../domain/renewal.ts';
import type { Rules } from '../../db/read-rules.ts';
import { builder, present } from './builder.ts';
import { CertificateType } from './certificate-type.ts';
import { asUserInput } from './user-input.ts';
import { boundedListCost, listArgumentCost } from './field-cost.ts';
import { LocalizedText, localized } from './localized-text.ts';
import { loadNotes, ValidityNote, ValidityNoteCode } from './validity-notes.ts';

/** Most inputs one certificateValidities call takes: each is a full computation. */
const MAX_BATCH_SIZE = 1000;

export const CertificateStatus = builder.enumType('CertificateStatus', {
  description: 'State of a certificate on `asOf`.',
  values: {
    NOT_ISSUABLE: { description: 'Not issued to this person (署名用: under 15 on the issue date, or an adult under guardianship).' },
    NOT_YET_ISSUED: { description: '`asOf` is before the issue date.' },
    VALID: { description: 'Valid, and its renewal window has not opened yet.' },
    RENEWABLE: { description: 'Still valid, and renewable now (更新可能期間): from `renewal.opensOn` to `expiresOn`.' },
    EXPIRED: { description: 'Past its expiry (有効期限切れ); renewal is still possible, free of charge.' },
  } as const,
});

export const RenewalPhase = builder.enumType('RenewalPhase', {
  description: 'Where `asOf` falls relative to the renewal window.',
  values: {
    NOT_YET_OPEN: { description: 'Before `opensOn`: too early to renew.' },
    OPEN: { description: 'From `opensOn` to `expiresOn`: renewable now.' },
    EXPIRED_STILL_RENEWABLE: { description: 'After `expiresOn`: expired, still renewable (the window has no end), free of charge.' },
  } as const,
});

interface RenewalWindowResult extends RenewalWindowShape {
  feeYen: number;
}

const RenewalWindow = builder.objectRef<RenewalWindowResult>('RenewalWindow').implement({
  description: 'When a certificate can be renewed (更新可能期間): from 3 months before the day after expiry, with no end.',
  fields: (t) => ({
    expiresOn: t.field({ type: 'Date', description: 'Last day of validity (有効期限).', resolve: (w) => w.expiresOn }),
    expiresOnWareki: t.string({ description: '`expiresOn` in the Japanese era form (和暦), e.g. 令和7年4月10日.', resolve: (w) => wareki(w.expiresOn) }),
    opensOn: t.field({ type: 'Date', description: 'First day renewal is possible: (expiresOn + 1 day) − 3 months, a missing day moving to the 1st of the next month.', resolve: (w) => w.opensOn }),
    opensOnWareki: t.string({ description: '`opensOn` in the Japanese era form (和暦).', resolve: (w) => wareki(w.opensOn) }),
    phase: t.field({ type: RenewalPhase, description: 'Where `asOf` falls relative to the window.', resolve: (w) => w.phase }),
    fee: t.exposeInt('feeYen', { description: 'Renewal fee in yen: 0, also after expiry (not when the card was lost or damaged).' }),
  }),
});

interface CertificateValidityShape extends Omit<CertificateOutcome, 'renewal'> {
  renewal: RenewalWindowResult | null;
}

const CertificateValidity = builder.objectRef<CertificateValidityShape>('CertificateValidity').implement({
  description: 'Computed validity of one certificate.',
  fields: (t) => ({
    certificateType: t.field({
      type: CertificateType,
      description: 'Which certificate, with its rules.',
      resolve: (v, _args, ctx) => present(ctx.loaders.certificateType.load(v.kind), `certificate type ${v.kind}`),
    }),
    issuable: t.exposeBoolean('issuable', { description: 'Whether this certificate is issued to this person at all.' }),
    expiresOn: t.field({ type: 'Date', nullable: true, description: 'Last day of validity (有効期限); null when not issuable.', resolve: (v) => v.expiresOn }),
    expiresOnWareki: t.string({
      nullable: true,
      description: '`expiresOn` in the Japanese era form (和暦); null when not issuable.',
      resolve: (v) => (v.expiresOn === null ? null : wareki(v.expiresOn)),
    }),
    birthdayCount: t.exposeInt('birthdayCount', { nullable: true, description: 'Runs to this birthday after issue: 5, or 6 for a renewal inside the window; null when not issuable.' }),
    status: t.field({ type: CertificateStatus, description: 'State on `asOf`.', resolve: (v) => v.status }),
    renewal: t.field({ type: RenewalWindow, nullable: true, description: 'Its renewal window; null when not issuable.', resolve: (v) => v.renewal }),
  }),
});

interface ValidityResultShape extends Omit<ValidityOutcome, 'userAuthentication' | 'signature'> {
  userAuthentication: CertificateValidityShape;
  signature: CertificateValidityShape;
}

const CertificateValidityResult = builder.objectRef<ValidityResultShape>('CertificateValidityResult').implement({
  description: 'Both certificates issued on one day, computed for one person.',
  fields: (t) => ({
    asOf: t.field({ type: 'Date', description: 'The day statuses and phases are computed for.', resolve: (r) => r.asOf }),
    asOfWareki: t.string({ description: '`asOf` in the Japanese era form (和暦).', resolve: (r) => wareki(r.asOf) }),
    userAuthentication: t.field({ type: CertificateValidity, description: '利用者証明用電子証明書.', resolve: (r) => r.userAuthentication }),
    signature: t.field({ type: CertificateValidity, description: '署名用電子証明書.', resolve: (r) => r.signature }),
    notes: t.field({
      type: [LocalizedText],
      extensions: boundedListCost(VALIDITY_NOTES.length),
      description: 'Assumptions and rules applied, in words (e.g. the 29 February policy); the printed date on the card or notice letter prevails.',
      resolve: async (r, _args, ctx) => (await loadNotes(ctx, r.notes)).map((note) => localized(note.textJa, note.textEn, note.textJaKind)),
    }),
    noteDetails: t.field({
      type: [ValidityNote],
      extensions: boundedListCost(VALIDITY_NOTES.length),
      description: 'The same notes with their codes and the source of each rule (our policy for the 29 February birthday), in the same order.',
      resolve: (r, _args, ctx) => loadNotes(ctx, r.notes),
    }),
    noteCodes: t.field({ type: [ValidityNoteCode], description: 'The same notes as codes, in the same order.', resolve: (r) => r.notes }),
  }),
});

const CertificateValidityInput = builder.inputType('CertificateValidityInput', {
  // Birth dates: every cache and log decides from this mark (operation-facts.ts).
  extensions: { personalData: true },
  description: 'One person\'s dates. No name, no card number: only what the computation needs. Personal data: never cached, never logged.',
  fields: (t) => ({
    birthDate: t.field({ type: 'Date', required: true, description: 'Date of birth (生年月日).' }),
    issuedOn: t.field({ type: 'Date', required: true, description: 'Issue date of the certificates (発行日).' }),
    previousExpiresOn: t.field({
      type: 'Date',
      description:
        'When this issue renewed earlier certificates: their expiry, one date for both. Renewing inside their window earns the 6th birthday. Not together with the per-certificate fields.',
      deprecationReason: 'Use `previousUserAuthenticationExpiresOn` and `previousSignatureExpiresOn`. Deprecated on 2026-11-25. Removal on 2027-06-01',
    }),
    previousUserAuthenticationExpiresOn: t.field({
      type: 'Date',
      description: 'Expiry of the user-authentication certificate this issue replaced; absent when it replaced none. Inside its window, the new one runs to the 6th birthday.',
    }),
    previousSignatureExpiresOn: t.field({
      type: 'Date',
      description:
        'Expiry of the signature certificate this issue replaced; absent when it replaced none (e.g. first issued under 15): then the new signature certificate runs to the 5th birthday.',
    }),
    appliedOn: t.field({
      type: 'Date',
      description:
        'Day the renewal was applied for (発行の申請), which decides the renewal window; default `issuedOn`. Differs when the card was kept and returned by mail later.',
    }),
    cardExpiresOn: t.field({ type: 'Date', description: 'The card\'s own expiry, if known; no certificate outlives it.' }),
    underGuardianship: t.boolean({ defaultValue: false, description: 'Adult under guardianship (成年被後見人): no signature certificate.' }),
    asOf: t.field({ type: 'Date', description: 'Day to compute statuses for; default: today in Asia/Tokyo.' }),
  }),
});

function wareki(date: IsoDate): string {
  const text = toWareki(date);
  if (text === null) throw new Error(`no Japanese era for ${date}`);
  return text;
}

function withFee(outcome: CertificateOutcome, feeYen: number): CertificateValidityShape {
  return { ...outcome, renewal: outcome.renewal && { ...outcome.renewal, feeYen } };
}

type ValidityArgs = typeof CertificateValidityInput.$inferInput;

function compute(input: ValidityArgs, rules: Rules, today: () => IsoDate, argumentPath: string): ValidityResultShape {
  return asUserInput(argumentPath, () => {
    const outcome = computeValidity(
      {
        birthDate: input.birthDate,
        issuedOn: input.issuedOn,
        previousExpiresOn: input.previousExpiresOn ?? null,
        previousUserAuthenticationExpiresOn: input.previousUserAuthenticationExpiresOn ?? null,
        previousSignatureExpiresOn: input.previousSignatureExpiresOn ?? null,
        appliedOn: input.appliedOn ?? null,
        cardExpiresOn: input.cardExpiresOn ?? null,
        underGuardianship: input.underGuardianship ?? false,
        asOf: input.asOf ?? today(),
      },
      rules.validity,
      rules.issuance,
    );
    return { ...outcome, userAuthentication: withFee(outcome.userAuthentication, rules.renewalFeeYen), signature: withFee(outcome.signature, rules.renewalFeeYen) };
  });
}

builder.queryFields((t) => ({
  certificateValidity: t.field({
    type: CertificateValidityResult,
    description: 'When each certificate issued on `issuedOn` to someone born on `birthDate` expires, when renewal opens, and its status on `asOf`.',
    args: { input: t.arg({ type: CertificateValidityInput, required: true, description: 'The person\'s dates.' }) },
    resolve: async (_root, { input }, ctx) => compute(input, ctx.rules(), ctx.today, 'input'),
  }),
  certificateValidities: t.field({
    type: [CertificateValidityResult],
    nullable: { list: false, items: true },
    description: `certificateValidity for up to ${MAX_BATCH_SIZE} inputs at once (for analysts), in input order; an invalid input is null with its own BAD_USER_INPUT error.`,
    extensions: listArgumentCost('inputs', MAX_BATCH_SIZE),
    args: {
      inputs: t.arg({ type: [CertificateValidityInput], required: true, description: `The inputs, at most ${MAX_BATCH_SIZE}; the request's cost grows with their number.` }),
    },
    resolve: async (_root, { inputs }, ctx) => {
      const rules = ctx.rules();
      // An item that throws becomes null with an error at its own path; the others still answer.
      return inputs.map(async (input, index) => compute(input, rules, ctx.today, `inputs.${index}`));
    },
  }),
  renewalWindow: t.field({
    type: RenewalWindow,
    description: 'The renewal window of a certificate expiring on `expiresOn`, and its phase on `asOf`.',
    args: {
      // An expiry date is a birthday: personal data (operation-facts.ts).
      expiresOn: t.arg({ type: 'Date', required: true, extensions: { personalData: true }, description: 'The certificate\'s expiry date (有効期限).' }),
      asOf: t.arg({ type: 'Date', extensions: { personalData: false }, description: 'Day to compute the phase for; default: today in Asia/Tokyo.' }),
    },
    resolve: async (_root, args, ctx) => {
      const asOf = args.asOf ?? ctx.today();
      const rules = ctx.rules();
      return asUserInput(null, () => {
        assertSupportedDate('expiresOn', args.expiresOn);
        assertSupportedDate('asOf', asOf);
        return { ...renewalWindow(args.expiresOn, asOf, rules.validity), feeYen: rules.renewalFeeYen };
      });
    },
  }),
}));
