import type { ValidityNote as ValidityNoteCodeValue } from '../../domain/validity-notes.ts';
import { VALIDITY_NOTES } from '../../domain/validity-notes.ts';
import type { ValidityNoteRow } from '../../db/queries.ts';
import { builder, type Context } from './builder.ts';
import { describedValues } from './enums.ts';
import { localized, LocalizedText } from './localized-text.ts';
import { Source, sourceOf } from './source.ts';

const NOTE_DESCRIPTIONS: Record<ValidityNoteCodeValue, string> = {
  LEAP_DAY_BIRTHDAY_ASSUMED: 'Born on 29 February: 28 February is assumed as the birthday in common years (our policy, not an official rule).',
  WINDOW_JUDGED_ON_APPLICATION_DATE: 'The renewal window was judged on `appliedOn`, the day the renewal was applied for, not on the issue day.',
  RENEWED_INSIDE_WINDOW: 'Issued as a renewal inside the previous certificates\' window (`previousExpiresOn`, both certificates): runs to the 6th birthday.',
  ISSUED_OUTSIDE_RENEWAL_WINDOW: 'A previous expiry was given (`previousExpiresOn`) but the renewal was outside its window: runs to the 5th birthday.',
  USER_AUTHENTICATION_RENEWED_INSIDE_WINDOW: 'The user-authentication certificate replaced one inside its window: it runs to the 6th birthday.',
  USER_AUTHENTICATION_ISSUED_OUTSIDE_RENEWAL_WINDOW: 'The user-authentication certificate replaced one outside its window: it runs to the 5th birthday.',
  USER_AUTHENTICATION_FIRST_ISSUE: 'The user-authentication certificate replaced none (no `previousUserAuthenticationExpiresOn`): it runs to the 5th birthday.',
  SIGNATURE_RENEWED_INSIDE_WINDOW: 'The signature certificate replaced one inside its window: it runs to the 6th birthday (then capped as usual).',
  SIGNATURE_ISSUED_OUTSIDE_RENEWAL_WINDOW: 'The signature certificate replaced one outside its window: it runs to the 5th birthday.',
  SIGNATURE_FIRST_ISSUE: 'The signature certificate replaced none (no `previousSignatureExpiresOn`, e.g. first issued under 15): it runs to the 5th birthday.',
  CAPPED_BY_CARD_EXPIRY: 'An expiry was shortened to the card\'s own expiry.',
  CAPPED_BY_USER_AUTHENTICATION: 'The signature certificate\'s expiry was shortened to the user-authentication certificate\'s.',
  SIGNATURE_NOT_ISSUED_UNDER_MINIMUM_AGE: 'No signature certificate: under 15 on the issue date.',
  SIGNATURE_NOT_ISSUED_UNDER_GUARDIANSHIP: 'No signature certificate: adult under guardianship (成年被後見人).',
};

export const ValidityNoteCode = builder.enumType('ValidityNoteCode', {
  description: 'Machine-readable code of a note attached to a validity computation.',
  values: describedValues(VALIDITY_NOTES, (code) => NOTE_DESCRIPTIONS[code]),
});

export const ValidityNote = builder.objectRef<ValidityNoteRow & { code: ValidityNoteCodeValue }>('ValidityNote').implement({
  description: 'A rule or assumption a validity computation applied, with where the rule comes from.',
  fields: (t) => ({
    code: t.field({ type: ValidityNoteCode, description: 'Which rule or assumption.', resolve: (note) => note.code }),
    text: t.field({
      type: LocalizedText,
      description: 'The note in words; the Japanese is ours (COMPOSED), summarising the rule.',
      resolve: (note) => localized(note.textJa, note.textEn, note.textJaKind),
    }),
    source: t.field({
      type: Source,
      description: 'Where the rule comes from: a public page, or our own policy (the 29 February birthday), labelled as such.',
      resolve: (note, _args, ctx) => {
        if (note.sourceId === null) throw new Error(`validity note ${note.code} has no source in the database`);
        return sourceOf(ctx, note.sourceId);
      },
    }),
  }),
});

/** The stored wording of each note code, in the given order. */
export async function loadNotes(ctx: Context, codes: readonly ValidityNoteCodeValue[]) {
  return (await ctx.loaders.validityNote.loadMany(codes)).map((note, index) => {
    const code = codes[index];
    if (note === null || note instanceof Error || code === undefined) throw new Error(`validity note ${code} is missing from the database`);
    return { ...note, code };
  });
}
