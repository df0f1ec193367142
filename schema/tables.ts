import { APPLIED_RULES } from '../src/domain/applied-rules.ts';
import { CONVENIENCE_STORE_DOCUMENT_KINDS, CONVENIENCE_STORE_REFUSALS } from '../src/domain/convenience-store.ts';
import { CERTIFICATE_KINDS, OFFICE_KINDS, PROCEDURE_KINDS, RESIDENCE_RULES, WARD_KEYS } from '../src/domain/vocabulary.ts';
import { check, foreignKey, integer, primaryKey, sql, sqliteTable, text, unique } from './drizzle.ts';

// Every table carries the constraints that define valid data, so a bad seed fails at load time
// rather than as a wrong answer to a partner.

const boolean = (name: string) => integer(name, { mode: 'boolean' });

// The allowed values come from the one vocabulary (src/domain/vocabulary.ts); only the item
// categories are storage's own.
export const PROCEDURE_ITEM_CATEGORIES = ['REQUIREMENT', 'NOTE'] as const;
/** Whether a Japanese text quotes its source word for word, or is a label or summary we wrote. */
export const JA_TEXT_KINDS = ['VERBATIM', 'COMPOSED'] as const;
/** A public page, or a policy of this API where no official statement exists (no page). */
export const SOURCE_KINDS = ['PUBLIC_PAGE', 'OUR_POLICY'] as const;
export const CONVENIENCE_STORE_TEXT_CATEGORIES = ['CONDITION', 'NOTICE'] as const;

/** A CHECK's `IN (...)` list from the same constant the column's TypeScript type uses. */
const oneOf = (values: readonly string[]) => sql.raw(values.map((value) => `'${value}'`).join(','));

/** A `*_ja_kind` column: how the Japanese text next to it came to be. */
const jaKind = (name: string) => text(name, { enum: JA_TEXT_KINDS }).notNull().default('VERBATIM');

export const sources = sqliteTable(
  'sources',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: SOURCE_KINDS }).notNull().default('PUBLIC_PAGE'),
    titleJa: text('title_ja').notNull(),
    titleJaKind: jaKind('title_ja_kind'),
    titleEn: text('title_en').notNull(),
    publisherJa: text('publisher_ja').notNull(),
    publisherEn: text('publisher_en').notNull(),
    url: text('url'),
  },
  (t) => [
    check('sources_kind', sql`${t.kind} IN (${oneOf(SOURCE_KINDS)})`),
    check('sources_title_ja_kind', sql`${t.titleJaKind} IN (${oneOf(JA_TEXT_KINDS)})`),
    check('sources_policy_has_no_page', sql`${t.kind} = 'PUBLIC_PAGE' OR ${t.url} IS NULL`),
  ],
);

export const wards = sqliteTable(
  'wards',
  {
    key: text('key', { enum: WARD_KEYS }).primaryKey(),
    position: integer('position').notNull().unique(),
    code: text('code').notNull().unique(),
    nameJa: text('name_ja').notNull().unique(),
    nameEn: text('name_en').notNull(),
    /** Who assigns the code (総務省's 全国地方公共団体コード). Nullable only so it could be added to a filled table; the seed gives every ward one. */
    sourceId: text('source_id').references(() => sources.id),
  },
  (t) => [
    check('wards_key', sql`${t.key} IN (${oneOf(WARD_KEYS)})`),
    check('wards_code', sql`${t.code} GLOB '01[0-9][0-9][0-9][0-9]'`),
  ],
);

export const offices = sqliteTable(
  'offices',
  {
    id: text('id').primaryKey(),
    position: integer('position').notNull().unique(),
    kind: text('kind', { enum: OFFICE_KINDS }).notNull(),
    ward: text('ward', { enum: WARD_KEYS }).references(() => wards.key),
    nameJa: text('name_ja').notNull().unique(),
    nameEn: text('name_en').notNull(),
    nameKana: text('name_kana').notNull(),
    /** Where the reading comes from (the place names' readings in 総務省's code list); the seed gives every office one. */
    nameKanaSourceId: text('name_kana_source_id').references(() => sources.id),
    departmentJa: text('department_ja'),
    departmentEn: text('department_en'),
    postalCode: text('postal_code'),
    addressJa: text('address_ja'),
    addressEn: text('address_en'),
    phone: text('phone'),
    availabilityJa: text('availability_ja'),
    availabilityEn: text('availability_en'),
    /** Whether every visit needs a reservation, where a source says so. */
    reservationRequired: boolean('reservation_required'),
    /** When a source asks for a reservation (要予約) for some visits only: when, and for what, in its words. */
    reservationWhenJa: text('reservation_when_ja'),
    reservationWhenEn: text('reservation_when_en'),
    reservationPurposeJa: text('reservation_purpose_ja'),
    reservationPurposeEn: text('reservation_purpose_en'),
    sourceId: text('source_id').notNull().references(() => sources.id),
  },
  (t) => [
    check('offices_kind', sql`${t.kind} IN (${oneOf(OFFICE_KINDS)})`),
    check('offices_ward_iff_ward_office', sql`(${t.kind} = 'WARD_OFFICE') = (${t.ward} IS NOT NULL)`),
    check('offices_postal_code', sql`${t.postalCode} IS NULL OR ${t.postalCode} GLOB '[0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'`),
    check('offices_phone', sql`${t.phone} IS NULL OR ${t.phone} GLOB '0[0-9]*-[0-9]*-[0-9]*'`),
    check('offices_department_pair', sql`(${t.departmentJa} IS NULL) = (${t.departmentEn} IS NULL)`),
    check('offices_address_pair', sql`(${t.addressJa} IS NULL) = (${t.addressEn} IS NULL)`),
    check('offices_availability_pair', sql`(${t.availabilityJa} IS NULL) = (${t.availabilityEn} IS NULL)`),
    check(
      'offices_reservation_scope',
      sql`(${t.reservationWhenJa} IS NULL) = (${t.reservationWhenEn} IS NULL) AND (${t.reservationWhenJa} IS NULL) = (${t.reservationPurposeJa} IS NULL) AND (${t.reservationPurposeJa} IS NULL) = (${t.reservationPurposeEn} IS NULL)`,
    ),
    unique('offices_one_per_ward').on(t.ward),
  ],
);

export const procedures = sqliteTable(
  'procedures',
  {
    kind: text('kind', { enum: PROCEDURE_KINDS }).primaryKey(),
    position: integer('position').notNull().unique(),
    nameJa: text('name_ja').notNull(),
    nameJaKind: jaKind('name_ja_kind'),
    nameEn: text('name_en').notNull(),
    feeYen: integer('fee_yen'),
    /** The identity-document list the procedure asks for, if any. */
    idDocumentListCode: text('id_document_list_code').references(() => idDocumentLists.code),
    sourceId: text('source_id').notNull().references(() => sources.id),
  },
  (t) => [
    check('procedures_kind', sql`${t.kind} IN (${oneOf(PROCEDURE_KINDS)})`),
    check('procedures_name_ja_kind', sql`${t.nameJaKind} IN (${oneOf(JA_TEXT_KINDS)})`),
    check('procedures_fee', sql`${t.feeYen} IS NULL OR ${t.feeYen} >= 0`),
  ],
);

/** What a procedure asks of the resident (REQUIREMENT) and what the page adds about it (NOTE). */
export const procedureItems = sqliteTable(
  'procedure_items',
  {
    procedure: text('procedure', { enum: PROCEDURE_KINDS }).notNull().references(() => procedures.kind),
    category: text('category', { enum: PROCEDURE_ITEM_CATEGORIES }).notNull(),
    position: integer('position').notNull(),
    textJa: text('text_ja').notNull(),
    textJaKind: jaKind('text_ja_kind'),
    textEn: text('text_en').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.procedure, t.category, t.position] }),
    check('procedure_items_category', sql`${t.category} IN (${oneOf(PROCEDURE_ITEM_CATEGORIES)})`),
    check('procedure_items_position', sql`${t.position} >= 1`),
    check('procedure_items_text_ja_kind', sql`${t.textJaKind} IN (${oneOf(JA_TEXT_KINDS)})`),
  ],
);

/** Which kinds of office handle a procedure, and whose residents they serve. */
export const procedureOffices = sqliteTable(
  'procedure_offices',
  {
    procedure: text('procedure', { enum: PROCEDURE_KINDS }).notNull().references(() => procedures.kind),
    officeKind: text('office_kind', { enum: OFFICE_KINDS }).notNull(),
    residenceRule: text('residence_rule', { enum: RESIDENCE_RULES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.procedure, t.officeKind] }),
    check('procedure_offices_kind', sql`${t.officeKind} IN (${oneOf(OFFICE_KINDS)})`),
    check('procedure_offices_rule', sql`${t.residenceRule} IN (${oneOf(RESIDENCE_RULES)})`),
  ],
);

export const certificateTypes = sqliteTable(
  'certificate_types',
  {
    kind: text('kind', { enum: CERTIFICATE_KINDS }).primaryKey(),
    position: integer('position').notNull().unique(),
    nameJa: text('name_ja').notNull().unique(),
    nameEn: text('name_en').notNull(),
    usesJa: text('uses_ja').notNull(),
    usesEn: text('uses_en').notNull(),
    validityJa: text('validity_ja').notNull(),
    validityEn: text('validity_en').notNull(),
    notIssuedToJa: text('not_issued_to_ja'),
    notIssuedToEn: text('not_issued_to_en'),
    minimumAge: integer('minimum_age'),
    excludesAdultsUnderGuardianship: boolean('excludes_adults_under_guardianship').notNull(),
    pinDescriptionJa: text('pin_description_ja').notNull(),
    pinDescriptionEn: text('pin_description_en').notNull(),
    pinMinLength: integer('pin_min_length').notNull(),
    pinMaxLength: integer('pin_max_length').notNull(),
    pinAllowedCharacters: text('pin_allowed_characters').notNull(),
    pinRequiresLetter: boolean('pin_requires_letter').notNull(),
    pinRequiresDigit: boolean('pin_requires_digit').notNull(),
    pinLowerCaseConvertedToUpper: boolean('pin_lower_case_converted_to_upper').notNull(),
    pinLockAfterFailedAttempts: integer('pin_lock_after_failed_attempts').notNull(),
    /** Who states the lower-case conversion (J-LIS, not the city); null when no conversion applies. */
    pinLowerCaseSourceId: text('pin_lower_case_source_id').references(() => sources.id),
    sourceId: text('source_id').notNull().references(() => sources.id),
  },
  (t) => [
    check('certificate_types_kind', sql`${t.kind} IN (${oneOf(CERTIFICATE_KINDS)})`),
    check('certificate_types_minimum_age', sql`${t.minimumAge} IS NULL OR ${t.minimumAge} BETWEEN 0 AND 150`),
    check('certificate_types_pin_lengths', sql`${t.pinMinLength} >= 1 AND ${t.pinMaxLength} >= ${t.pinMinLength}`),
    check('certificate_types_pin_characters', sql`length(${t.pinAllowedCharacters}) >= 1 AND ${t.pinAllowedCharacters} NOT GLOB '*[^0-9A-Z]*'`),
    check('certificate_types_lock', sql`${t.pinLockAfterFailedAttempts} >= 1`),
  ],
);

/** Events that end a certificate before its expiry date. */
export const revocationTriggers = sqliteTable(
  'revocation_triggers',
  {
    certificateKind: text('certificate_kind', { enum: CERTIFICATE_KINDS }).notNull().references(() => certificateTypes.kind),
    position: integer('position').notNull(),
    textJa: text('text_ja').notNull(),
    textJaKind: jaKind('text_ja_kind'),
    textEn: text('text_en').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.certificateKind, t.position] }),
    check('revocation_triggers_position', sql`${t.position} >= 1`),
    check('revocation_triggers_text_ja_kind', sql`${t.textJaKind} IN (${oneOf(JA_TEXT_KINDS)})`),
  ],
);

/** The rule values of docs/domain-rules.md §2–§3 that may change; exactly one row. */
export const validityRules = sqliteTable(
  'validity_rules',
  {
    id: integer('id').primaryKey(),
    validityBirthdays: integer('validity_birthdays').notNull(),
    renewalValidityBirthdays: integer('renewal_validity_birthdays').notNull(),
    renewalWindowMonths: integer('renewal_window_months').notNull(),
    leapDayBirthdayMonth: integer('leap_day_birthday_month').notNull(),
    leapDayBirthdayDay: integer('leap_day_birthday_day').notNull(),
    leapDayAgeMonth: integer('leap_day_age_month').notNull(),
    leapDayAgeDay: integer('leap_day_age_day').notNull(),
    sourceId: text('source_id').notNull().references(() => sources.id),
  },
  (t) => [
    check('validity_rules_single_row', sql`${t.id} = 1`),
    check('validity_rules_birthdays', sql`${t.validityBirthdays} >= 1 AND ${t.renewalValidityBirthdays} >= ${t.validityBirthdays}`),
    check('validity_rules_window', sql`${t.renewalWindowMonths} BETWEEN 1 AND 12`),
    check('validity_rules_leap_birthday', sql`(${t.leapDayBirthdayMonth} = 2 AND ${t.leapDayBirthdayDay} = 28) OR (${t.leapDayBirthdayMonth} = 3 AND ${t.leapDayBirthdayDay} = 1)`),
    check('validity_rules_leap_age', sql`(${t.leapDayAgeMonth} = 2 AND ${t.leapDayAgeDay} = 28) OR (${t.leapDayAgeMonth} = 3 AND ${t.leapDayAgeDay} = 1)`),
  ],
);

/** The pages (or our policy) that state each rule a computation may apply, in the order answers list them. */
export const ruleSources = sqliteTable(
  'rule_sources',
  {
    rule: text('rule', { enum: APPLIED_RULES }).notNull(),
    position: integer('position').notNull(),
    sourceId: text('source_id').notNull().references(() => sources.id),
  },
  (t) => [
    primaryKey({ columns: [t.rule, t.position] }),
    check('rule_sources_rule', sql`${t.rule} IN (${oneOf(APPLIED_RULES)})`),
    check('rule_sources_position', sql`${t.position} >= 1`),
  ],
);

/**
 * Wording of the notes a validity computation may attach, keyed by the domain's note code, with
 * the source of the rule each one states. The source column may be null only so that it could be
 * added to a filled table; the seed gives every note one.
 */
export const validityNotes = sqliteTable(
  'validity_notes',
  {
    code: text('code').primaryKey(),
    textJa: text('text_ja').notNull(),
    textJaKind: jaKind('text_ja_kind'),
    textEn: text('text_en').notNull(),
    sourceId: text('source_id').references(() => sources.id),
  },
  (t) => [check('validity_notes_text_ja_kind', sql`${t.textJaKind} IN (${oneOf(JA_TEXT_KINDS)})`)],
);

export const idDocumentLists = sqliteTable(
  'id_document_lists',
  {
    code: text('code').primaryKey(),
    position: integer('position').notNull().unique(),
    descriptionJa: text('description_ja').notNull(),
    descriptionEn: text('description_en').notNull(),
    sourceId: text('source_id').notNull().references(() => sources.id),
  },
  (t) => [check('id_document_lists_code', sql`${t.code} GLOB '[A-Z]'`)],
);

export const idDocumentListRules = sqliteTable(
  'id_document_list_rules',
  {
    listCode: text('list_code').notNull().references(() => idDocumentLists.code),
    position: integer('position').notNull(),
    textJa: text('text_ja').notNull(),
    textEn: text('text_en').notNull(),
  },
  (t) => [primaryKey({ columns: [t.listCode, t.position] }), check('id_document_list_rules_position', sql`${t.position} >= 1`)],
);

export const idDocuments = sqliteTable(
  'id_documents',
  {
    listCode: text('list_code').notNull(),
    position: integer('position').notNull(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    issuedOnOrAfter: text('issued_on_or_after'),
    photoRequired: boolean('photo_required').notNull(),
    // The day every document of this kind has expired by, and the page that says so.
    lastExpiresOn: text('last_expires_on'),
    lastExpiresOnSourceId: text('last_expires_on_source_id'),
  },
  (t) => [
    primaryKey({ columns: [t.listCode, t.position] }),
    foreignKey({ columns: [t.listCode], foreignColumns: [idDocumentLists.code] }),
    foreignKey({ columns: [t.lastExpiresOnSourceId], foreignColumns: [sources.id] }),
    unique('id_documents_name').on(t.listCode, t.nameJa),
    check('id_documents_position', sql`${t.position} >= 1`),
    check('id_documents_issued_on_or_after', sql`${t.issuedOnOrAfter} IS NULL OR ${t.issuedOnOrAfter} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`),
    check('id_documents_last_expires_on', sql`${t.lastExpiresOn} IS NULL OR ${t.lastExpiresOn} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'`),
    check('id_documents_last_expiry_sourced', sql`(${t.lastExpiresOn} IS NULL) = (${t.lastExpiresOnSourceId} IS NULL)`),
  ],
);

export const contactPoints = sqliteTable(
  'contact_points',
  {
    id: text('id').primaryKey(),
    position: integer('position').notNull().unique(),
    nameJa: text('name_ja').notNull(),
    nameJaKind: jaKind('name_ja_kind'),
    nameEn: text('name_en').notNull(),
    purposeJa: text('purpose_ja').notNull(),
    purposeEn: text('purpose_en').notNull(),
    phone: text('phone').notNull(),
    tollFree: boolean('toll_free').notNull(),
    sourceId: text('source_id').notNull().references(() => sources.id),
  },
  (t) => [
    check('contact_points_phone', sql`${t.phone} GLOB '0[0-9]*-[0-9]*-[0-9]*'`),
    check('contact_points_name_ja_kind', sql`${t.nameJaKind} IN (${oneOf(JA_TEXT_KINDS)})`),
  ],
);

export const notices = sqliteTable('notices', {
  id: text('id').primaryKey(),
  position: integer('position').notNull().unique(),
  titleJa: text('title_ja').notNull(),
  titleEn: text('title_en').notNull(),
  sourceId: text('source_id').notNull().references(() => sources.id),
});

export const noticeParagraphs = sqliteTable(
  'notice_paragraphs',
  {
    noticeId: text('notice_id').notNull().references(() => notices.id),
    position: integer('position').notNull(),
    textJa: text('text_ja').notNull(),
    textEn: text('text_en').notNull(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.position] }), check('notice_paragraphs_position', sql`${t.position} >= 1`)],
);

/** コンビニ交付 (docs/domain-rules.md §8): the service, with the rule values that may change; exactly one row. */
export const convenienceStoreServices = sqliteTable(
  'convenience_store_services',
  {
    id: integer('id').primaryKey(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionJa: text('description_ja').notNull(),
    descriptionEn: text('description_en').notNull(),
    minimumAge: integer('minimum_age').notNull(),
    certificateKind: text('certificate_kind', { enum: CERTIFICATE_KINDS }).notNull().references(() => certificateTypes.kind),
    excludesAdultsUnderGuardianship: boolean('excludes_adults_under_guardianship').notNull(),
    nonResidentsRegisterForDomicileDocuments: boolean('non_residents_register_for_domicile_documents').notNull(),
    hoursJa: text('hours_ja'),
    hoursEn: text('hours_en'),
    sourceId: text('source_id').notNull().references(() => sources.id),
  },
  (t) => [
    check('convenience_store_services_single_row', sql`${t.id} = 1`),
    check('convenience_store_services_minimum_age', sql`${t.minimumAge} BETWEEN 0 AND 150`),
    check('convenience_store_services_hours_pair', sql`(${t.hoursJa} IS NULL) = (${t.hoursEn} IS NULL)`),
  ],
);

/** The documents the service prints, in the source's order, with the group each belongs to. */
export const convenienceStoreDocuments = sqliteTable(
  'convenience_store_documents',
  {
    kind: text('kind', { enum: CONVENIENCE_STORE_DOCUMENT_KINDS }).primaryKey(),
    position: integer('position').notNull().unique(),
    nameJa: text('name_ja').notNull().unique(),
    nameEn: text('name_en').notNull(),
    requiresResidence: boolean('requires_residence').notNull(),
    requiresDomicile: boolean('requires_domicile').notNull(),
    /** The page that lists the document; nullable only so it could be added to a filled table. */
    sourceId: text('source_id').references(() => sources.id),
  },
  (t) => [
    check('convenience_store_documents_kind', sql`${t.kind} IN (${oneOf(CONVENIENCE_STORE_DOCUMENT_KINDS)})`),
    check('convenience_store_documents_position', sql`${t.position} >= 1`),
  ],
);

/** Who may use the service (CONDITION) and the page's notices (NOTICE), verbatim, in order. */
export const convenienceStoreTexts = sqliteTable(
  'convenience_store_texts',
  {
    category: text('category', { enum: CONVENIENCE_STORE_TEXT_CATEGORIES }).notNull(),
    position: integer('position').notNull(),
    textJa: text('text_ja').notNull(),
    textEn: text('text_en').notNull(),
    /** The page the text quotes; nullable only so it could be added to a filled table. */
    sourceId: text('source_id').references(() => sources.id),
  },
  (t) => [
    primaryKey({ columns: [t.category, t.position] }),
    check('convenience_store_texts_category', sql`${t.category} IN (${oneOf(CONVENIENCE_STORE_TEXT_CATEGORIES)})`),
    check('convenience_store_texts_position', sql`${t.position} >= 1`),
  ],
);

/** The procedure that cures a refusal (an expired certificate → renewal, a locked PIN → PIN reset). */
export const convenienceStoreRemedies = sqliteTable(
  'convenience_store_remedies',
  {
    refusal: text('refusal', { enum: CONVENIENCE_STORE_REFUSALS }).primaryKey(),
    procedure: text('procedure', { enum: PROCEDURE_KINDS }).notNull().references(() => procedures.kind),
  },
  (t) => [check('convenience_store_remedies_refusal', sql`${t.refusal} IN (${oneOf(CONVENIENCE_STORE_REFUSALS)})`)],
);

/** Fingerprint of the seed data, so caches and ETags change exactly when the data does. */
export const seedState = sqliteTable(
  'seed_state',
  {
    id: integer('id').primaryKey(),
    dataHash: text('data_hash').notNull(),
  },
  (t) => [check('seed_state_single_row', sql`${t.id} = 1`)],
);
