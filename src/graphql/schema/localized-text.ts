import { builder, type LocalizedTextShape } from './builder.ts';

export const JapaneseTextKind = builder.enumType('JapaneseTextKind', {
  description: 'Whether the Japanese of a text is the source\'s own wording or ours.',
  values: {
    VERBATIM: { description: 'Quoted word for word from the source page (原文のまま): official wording.' },
    COMPOSED: { description: 'Written by us, e.g. a short label for a procedure or a summary of a rule: not the source\'s wording.' },
  } as const,
});

export const LocalizedText = builder.objectRef<LocalizedTextShape>('LocalizedText').implement({
  description:
    'Text shown to people, in Japanese and English (our translation). The Japanese is the official wording, verbatim from the source, unless `jaKind` is COMPOSED.',
  fields: (t) => ({
    ja: t.exposeString('ja', { description: 'Japanese (日本語): verbatim from the source unless `jaKind` is COMPOSED.' }),
    en: t.exposeString('en', { description: 'English translation, ours; the Japanese prevails.' }),
    jaKind: t.field({
      type: JapaneseTextKind,
      description: 'Whether `ja` quotes the source (VERBATIM) or is a label or summary we wrote (COMPOSED).',
      resolve: (text) => text.jaKind ?? 'VERBATIM',
    }),
  }),
});

export function localized(ja: string, en: string, jaKind: LocalizedTextShape['jaKind'] = 'VERBATIM'): LocalizedTextShape {
  return { ja, en, jaKind };
}

/** For nullable pairs of columns, which the schema's CHECK constraints keep both-or-neither. */
export function localizedOrNull(ja: string | null, en: string | null): LocalizedTextShape | null {
  return ja === null || en === null ? null : { ja, en };
}

/** Rows of `text_ja` / `text_en` (and `text_ja_kind`, where a table has one) as LocalizedText, keeping their order. */
export function localizedRows(rows: readonly { textJa: string; textEn: string; textJaKind?: LocalizedTextShape['jaKind'] }[]): LocalizedTextShape[] {
  return rows.map((row) => localized(row.textJa, row.textEn, row.textJaKind));
}
