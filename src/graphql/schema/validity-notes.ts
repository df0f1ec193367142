import type { ValidityNote as ValidityNoteCodeValue } from '../../domain/validity-notes.ts';
import { NOTE_RULES, VALIDITY_NOTES } from '../../domain/validity-notes.ts';
import { inRuleOrder } from '../../domain/applied-rules.ts';
import { dateParts, type IsoDate } from '../../domain/calendar.ts';
import type { ValidityNoteRow } from '../../db/queries.ts';
import { builder, type Context, type FieldBuilder } from './builder.ts';
import { describedValues } from './enums.ts';
import { boundedListCost } from './field-cost.ts';
import { localized, LocalizedText } from './localized-text.ts';
import { MAX_RULE_SOURCES, Source, sourceOf, sourcesOfRules } from './source.ts';

const NOTE_DESCRIPTIONS: Record<ValidityNoteCodeValue, string> = {
  LEAP_DAY_BIRTHDAY_ASSUMED:
    'Born on 29 February: for the validity, 28 February is taken as the birthday in common years (our policy, not an official rule); an age (15, for the signature certificate and convenience-store issuance) is reached on 1 March (年齢計算ニ関スル法律). The note names both, so a refusal for age on 28 February does not contradict it. On every `certificateValidity` and `convenienceStoreEligibility` answer for a 29 February birth.',
  WINDOW_JUDGED_ON_APPLICATION_DATE: 'The renewal window was judged on `appliedOn`, the day the renewal was applied for, not on the issue day.',
  RENEWED_INSIDE_WINDOW: 'Issued as a renewal inside the previous certificates\' window (`previousExpiresOn`, both certificates): runs to the 6th birthday.',
  ISSUED_OUTSIDE_RENEWAL_WINDOW:
    'A previous expiry was given (`previousExpiresOn`) but the renewal was not applied for while fewer than 3 months remained on it (it came before the window opened, or after expiry): runs to the 5th birthday.',
  APPLIED_BEFORE_RENEWAL_WINDOW:
    'Applied for before the previous certificates\' window opened (`previousExpiresOn`): one year shorter than a renewal inside the window; the note names the day the window opened (Edogawa City). Not given when the card ends on or before the 5th birthday after the issue day (a certificate runs from its issue day; the application day decides only the window), where it ends the early certificate as it would a renewal inside the window; a card ending sooner than such a renewal would makes the loss less than the year.',
  USER_AUTHENTICATION_RENEWED_INSIDE_WINDOW: 'The user-authentication certificate replaced one inside its window: it runs to the 6th birthday.',
  USER_AUTHENTICATION_ISSUED_OUTSIDE_RENEWAL_WINDOW:
    'The user-authentication certificate replaced one without being applied for while fewer than 3 months remained on it (before its window opened, or after expiry): it runs to the 5th birthday.',
  USER_AUTHENTICATION_APPLIED_BEFORE_RENEWAL_WINDOW:
    'The user-authentication certificate was applied for before its predecessor\'s window opened: one year shorter than a renewal inside the window; the note names the day the window opened (Edogawa City). Not given when the card ends on or before the 5th birthday after the issue day (a certificate runs from its issue day; the application day decides only the window), where it ends the early certificate as it would a renewal inside the window; a card ending sooner than such a renewal would makes the loss less than the year.',
  USER_AUTHENTICATION_FIRST_ISSUE: 'The user-authentication certificate replaced none (no `previousUserAuthenticationExpiresOn`): it runs to the 5th birthday.',
  SIGNATURE_RENEWED_INSIDE_WINDOW: 'The signature certificate replaced one inside its window: it runs to the 6th birthday (then capped as usual).',
  SIGNATURE_ISSUED_OUTSIDE_RENEWAL_WINDOW:
    'The signature certificate replaced one without being applied for while fewer than 3 months remained on it (before its window opened, or after expiry): it runs to the 5th birthday.',
  SIGNATURE_APPLIED_BEFORE_RENEWAL_WINDOW:
    'The signature certificate was applied for before its predecessor\'s window opened: one year shorter than a renewal inside the window; the note names the day the window opened (Edogawa City). Not given when the card ends on or before the 5th birthday after the issue day (a certificate runs from its issue day; the application day decides only the window), where it ends the early certificate as it would a renewal inside the window; a card ending sooner than such a renewal would makes the loss less than the year.',
  SIGNATURE_FIRST_ISSUE: 'The signature certificate replaced none (no `previousSignatureExpiresOn`, e.g. first issued under 15): it runs to the 5th birthday.',
  RENEWAL_WINDOW_OPENS_ON_FIRST_OF_NEXT_MONTH:
    'A renewal window\'s first day, 3 months before the day after expiry, does not exist in its month (e.g. 31 February): the window opens on the 1st of the next month (Nerima City).',
  RENEWAL_WINDOW_NOT_YET_OPEN:
    'On a renewal window before it opens: applying now is possible, but it is no renewal, and the new certificate runs one year shorter than with a renewal inside the window; the note names the day the window opens (Edogawa City). Not given when the card ends on or before the 5th birthday after `asOf`, where it ends a certificate applied for now as it would a renewal inside the window; a card ending before the 6th birthday after the window\'s first day makes the loss less than the year.',
  EXPIRED_STILL_RENEWABLE:
    'On a renewal window after expiry: services that use the certificate (for the user-authentication certificate, convenience-store issuance among them) stop until it is renewed, and renewal stays possible, free of charge (the city\'s page). Not on a card that ended with the certificate or before, or has expired by `asOf`: no source says a certificate is renewed onto an expired card.',
  CAPPED_BY_CARD_EXPIRY: 'An expiry was shortened to the card\'s own expiry, earlier than the birthday the rule gives (`birthdayCount`).',
  CAPPED_BY_USER_AUTHENTICATION: 'The signature certificate\'s expiry was shortened to the user-authentication certificate\'s, earlier than the birthday the rule gives (`birthdayCount`).',
  SIGNATURE_NOT_ISSUED_UNDER_MINIMUM_AGE: 'No signature certificate: under 15 on the issue date.',
  SIGNATURE_NOT_ISSUED_UNDER_GUARDIANSHIP: 'No signature certificate: adult under guardianship (成年被後見人).',
};

export const ValidityNoteCode = builder.enumType('ValidityNoteCode', {
  description: 'Machine-readable code of a note attached to a validity computation, a renewal window or a convenience-store eligibility check.',
  values: describedValues(VALIDITY_NOTES, (code) => NOTE_DESCRIPTIONS[code]),
});

export const ValidityNote = builder.objectRef<ValidityNoteRow & { code: ValidityNoteCodeValue }>('ValidityNote').implement({
  description: 'A rule or assumption a computation (validity, renewal window, convenience-store eligibility) applied, with where the rule comes from.',
  fields: (t) => ({
    code: t.field({ type: ValidityNoteCode, description: 'Which rule or assumption.', resolve: (note) => note.code }),
    text: t.field({
      type: LocalizedText,
      description: 'The note in words; the Japanese is ours (COMPOSED), summarising the rule, and the English translates it.',
      resolve: (note) => localized(note.textJa, note.textEn, note.textJaKind),
    }),
    sources: t.field({
      type: [Source],
      extensions: boundedListCost(MAX_RULE_SOURCES),
      description:
        'The sources of every rule the note states, in the order of the rules, each once: the 29 February note names our policy (the birthday) and the Act on the Calculation of Age (the age). Every one is among the answer\'s own `sources`.',
      resolve: (note, _args, ctx) => sourcesOfRules(ctx, inRuleOrder(NOTE_RULES[note.code])),
    }),
    source: t.field({
      type: Source,
      description: 'The source the note\'s wording follows (a public page, or our own policy for the 29 February birthday, labelled as such): one of `sources`, which names every rule\'s.',
      resolve: (note, _args, ctx) => {
        if (note.sourceId === null) throw new Error(`validity note ${note.code} has no source in the database`);
        return sourceOf(ctx, note.sourceId);
      },
    }),
  }),
});

/** What an answer with notes holds: the codes, and the dates some of their wordings name. */
export interface Noted {
  notes: readonly ValidityNoteCodeValue[];
  noteDates?: Partial<Record<ValidityNoteCodeValue, IsoDate>>;
}

const jaDate = (date: IsoDate) => {
  const { year, month, day } = dateParts(date);
  return `${year}年${month}月${day}日`;
};

/** The stored wording of each note code, in the given order, with `{date}` replaced by the date the answer gives it. */
async function loadNotes(ctx: Context, answer: Noted) {
  const codes = answer.notes;
  return (await ctx.loaders.validityNote.loadMany(codes)).map((note, index) => {
    const code = codes[index];
    // The loader's own error (a database fault) goes on as it is, so it is answered as one (503).
    if (note instanceof Error) throw note;
    if (note === null || code === undefined) throw new Error(`validity note ${code} is missing from the database`);
    const date = answer.noteDates?.[code];
    if (date === undefined) return { ...note, code };
    return { ...note, code, textJa: note.textJa.replaceAll('{date}', jaDate(date)), textEn: note.textEn.replaceAll('{date}', date) };
  });
}

/** `notes`, `noteDetails` and `noteCodes`: the same notes in words, with their sources, and as codes. */
export function noteFields<Answer extends Noted>(t: FieldBuilder<Answer>, maxNotes: number, examples: string) {
  return {
    notes: t.field({
      type: [LocalizedText],
      extensions: boundedListCost(maxNotes),
      description: `Assumptions and rules applied, in words (${examples}); the printed date on the card or notice letter prevails.`,
      resolve: async (answer, _args, ctx) => (await loadNotes(ctx, answer)).map((note) => localized(note.textJa, note.textEn, note.textJaKind)),
    }),
    noteDetails: t.field({
      type: [ValidityNote],
      extensions: boundedListCost(maxNotes),
      description: 'The same notes with their codes and the sources of the rules each states (our policy and the law for the 29 February birthday), in the same order.',
      resolve: (answer, _args, ctx) => loadNotes(ctx, answer),
    }),
    noteCodes: t.field({ type: [ValidityNoteCode], description: 'The same notes as codes, in the same order.', resolve: (answer) => [...answer.notes] }),
  };
}
