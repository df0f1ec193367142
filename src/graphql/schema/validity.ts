import { inRuleOrder } from '../../domain/applied-rules.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { computeValidity, type CertificateOutcome, type ValidityOutcome } from '../../domain/validity.ts';
import { VALIDITY_NOTES, WINDOW_ONLY_NOTES } from '../../domain/validity-notes.ts';
import type { Rules } from '../../db/read-rules.ts';
import { builder, present, type FieldBuilder } from './builder.ts';
import { CertificateType } from './certificate-type.ts';
import { asUserInput } from './user-input.ts';
import { listArgumentCost } from './field-cost.ts';
import { ruleSourcesField } from './source.ts';
import { noteFields } from './validity-notes.ts';
import { FEE_RULE, RenewalWindow, wareki, withFee, type RenewalWindowResult } from './validity-renewal-window.ts';

/** Most inputs one certificateValidities call takes: each is a full computation. */
const MAX_BATCH_SIZE = 1000;

/**
 * What one input's computation counts in the cost model besides its selected fields: measured at
 * 11–14 µs a valid input and 16–30 µs an invalid one (its error), while a selected field costs
 * 1–4 µs (docs/api-contract.md). 6 keeps the analysts' batch (18 fields an input) within MAX_COST
 * at 1,000 inputs, and bounds a request selecting one field to about 3,500 computations, not 24,000.
 */
const COMPUTATION_COST = 6;

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
    birthdayCount: t.exposeInt('birthdayCount', {
      nullable: true,
      description:
        'The birthday after issue the validity rule gives: 5, or 6 for a renewal inside the window. `expiresOn` is that birthday unless a cap ends it earlier (the note CAPPED_BY_CARD_EXPIRY or CAPPED_BY_USER_AUTHENTICATION says so); null when not issuable.',
    }),
    status: t.field({ type: CertificateStatus, description: 'State on `asOf`.', resolve: (v) => v.status }),
    renewal: t.field({ type: RenewalWindow, nullable: true, description: 'Its renewal window; null when not issuable.', resolve: (v) => v.renewal }),
    sources: ruleSourcesField(t as FieldBuilder<CertificateValidityShape>, 'this certificate (and its renewal window)'),
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
    ...noteFields(t as FieldBuilder<ValidityResultShape>, VALIDITY_NOTES.length - WINDOW_ONLY_NOTES.length, 'e.g. the 29 February policy'),
    sources: ruleSourcesField(t as FieldBuilder<ValidityResultShape>, 'this answer (both certificates)'),
  }),
});

/** The input's default, written once: the schema shows it, and an explicit null means the same. */
const VALIDITY_DEFAULTS = { underGuardianship: false } as const;

const CertificateValidityInput = builder.inputType('CertificateValidityInput', {
  // Birth dates: every cache and log decides from this mark (operation-facts.ts).
  extensions: { personalData: true },
  description: 'One person\'s dates. No name, no card number: only what the computation needs. Personal data: never cached, never logged.',
  fields: (t) => ({
    birthDate: t.field({ type: 'Date', required: true, description: 'Date of birth (生年月日).' }),
    issuedOn: t.field({ type: 'Date', required: true, description: 'Issue date of the certificates (発行日).' }),
    // The partners' contract keeps this one-date form ("meaning both"): it is not deprecated.
    previousExpiresOn: t.field({
      type: 'Date',
      description:
        'When this issue renewed earlier certificates: their expiry, one date for both. Renewing inside their window earns the 6th birthday. When the two certificates had different expiries, or there was no signature certificate (first issued under 15), give `previousUserAuthenticationExpiresOn` and `previousSignatureExpiresOn` instead; not together with them.',
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
    underGuardianship: t.boolean({ defaultValue: VALIDITY_DEFAULTS.underGuardianship, description: 'Adult under guardianship (成年被後見人): no signature certificate.' }),
    asOf: t.field({ type: 'Date', description: 'Day to compute statuses for; default: today in Asia/Tokyo.' }),
  }),
});

function withWindowFee(outcome: CertificateOutcome, feeYen: number, asOf: IsoDate): CertificateValidityShape {
  if (outcome.renewal === null) return { ...outcome, renewal: null };
  const renewal = withFee(outcome.renewal, feeYen, asOf);
  // The certificate's rules hold its window's already (domain validity.ts); only the fee joins them.
  return { ...outcome, renewal, rules: inRuleOrder([...outcome.rules, FEE_RULE]) };
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
        underGuardianship: input.underGuardianship ?? VALIDITY_DEFAULTS.underGuardianship,
        asOf: input.asOf ?? today(),
      },
      rules.validity,
      rules.issuance,
    );
    const userAuthentication = withWindowFee(outcome.userAuthentication, rules.renewalFeeYen, outcome.asOf);
    const signature = withWindowFee(outcome.signature, rules.renewalFeeYen, outcome.asOf);
    return { ...outcome, userAuthentication, signature, rules: inRuleOrder([...outcome.rules, ...userAuthentication.rules, ...signature.rules]) };
  });
}

builder.queryFields((t) => ({
  certificateValidity: t.field({
    type: CertificateValidityResult,
    description: 'When each certificate issued on `issuedOn` to someone born on `birthDate` expires, when renewal opens, and its status on `asOf`.',
    args: { input: t.arg({ type: CertificateValidityInput, required: true, description: 'The person\'s dates.' }) },
    resolve: (_root, { input }, ctx) => compute(input, ctx.rules(), ctx.today, 'input'),
  }),
  certificateValidities: t.field({
    type: [CertificateValidityResult],
    nullable: { list: false, items: true },
    description: `certificateValidity for up to ${MAX_BATCH_SIZE} inputs at once (for analysts), in input order; an invalid input is null with its own BAD_USER_INPUT error.`,
    extensions: listArgumentCost('inputs', MAX_BATCH_SIZE, COMPUTATION_COST),
    args: {
      inputs: t.arg({ type: [CertificateValidityInput], required: true, description: `The inputs, at most ${MAX_BATCH_SIZE}; the request's cost grows with their number.` }),
    },
    resolve: (_root, { inputs }, ctx) => {
      const rules = ctx.rules();
      // An item returned as an error becomes null with that error at its own path; the others still
      // answer. Returned, not thrown from a promise per item: a thousand failing inputs cost a
      // rejected promise and an async stack each.
      return inputs.map((input, index) => {
        try {
          return compute(input, rules, ctx.today, `inputs.${index}`);
        } catch (error) {
          // Executors take an Error as a list item for that item's error; Pothos types items as results only.
          return error as unknown as ValidityResultShape;
        }
      });
    },
  }),
}));
