import { builder, type LocalizedTextShape } from './builder.ts';

export const LocalizedText = builder.objectRef<LocalizedTextShape>('LocalizedText').implement({
  description: 'Text shown to people, in Japanese (the official wording, verbatim from the source) and English (our translation).',
  fields: (t) => ({
    ja: t.exposeString('ja', { description: 'Japanese: the official wording, verbatim from the source (日本語).' }),
    en: t.exposeString('en', { description: 'English translation, ours; the Japanese prevails.' }),
  }),
});

export function localized(ja: string, en: string): LocalizedTextShape {
  return { ja, en };
}

/** For nullable pairs of columns, which the schema's CHECK constraints keep both-or-neither. */
export function localizedOrNull(ja: string | null, en: string | null): LocalizedTextShape | null {
  return ja === null || en === null ? null : { ja, en };
}

/** Rows of `text_ja` / `text_en` as LocalizedText, keeping their order. */
export function localizedRows(rows: readonly { textJa: string; textEn: string }[]): LocalizedTextShape[] {
  return rows.map((row) => ({ ja: row.textJa, en: row.textEn }));
}
