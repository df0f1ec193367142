CREATE TABLE `convenience_store_documents` (
	`kind` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`name_ja` text NOT NULL,
	`name_en` text NOT NULL,
	`requires_residence` integer NOT NULL,
	`requires_domicile` integer NOT NULL,
	CONSTRAINT "convenience_store_documents_kind" CHECK("convenience_store_documents"."kind" IN ('RESIDENCE_CERTIFICATE','SEAL_REGISTRATION_CERTIFICATE','FAMILY_REGISTER_ATTACHMENT','FAMILY_REGISTER_ALL','FAMILY_REGISTER_INDIVIDUAL')),
	CONSTRAINT "convenience_store_documents_position" CHECK("convenience_store_documents"."position" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `convenience_store_documents_position_unique` ON `convenience_store_documents` (`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `convenience_store_documents_name_ja_unique` ON `convenience_store_documents` (`name_ja`);--> statement-breakpoint
CREATE TABLE `convenience_store_remedies` (
	`refusal` text PRIMARY KEY NOT NULL,
	`procedure` text NOT NULL,
	FOREIGN KEY (`procedure`) REFERENCES `procedures`(`kind`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "convenience_store_remedies_refusal" CHECK("convenience_store_remedies"."refusal" IN ('UNDER_MINIMUM_AGE','UNDER_GUARDIANSHIP','CERTIFICATE_EXPIRED','PIN_LOCKED','NOT_RESIDENT','NOT_DOMICILED'))
);
--> statement-breakpoint
CREATE TABLE `convenience_store_services` (
	`id` integer PRIMARY KEY NOT NULL,
	`name_ja` text NOT NULL,
	`name_en` text NOT NULL,
	`description_ja` text NOT NULL,
	`description_en` text NOT NULL,
	`minimum_age` integer NOT NULL,
	`certificate_kind` text NOT NULL,
	`excludes_adults_under_guardianship` integer NOT NULL,
	`non_residents_register_for_domicile_documents` integer NOT NULL,
	`hours_ja` text,
	`hours_en` text,
	`source_id` text NOT NULL,
	FOREIGN KEY (`certificate_kind`) REFERENCES `certificate_types`(`kind`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "convenience_store_services_single_row" CHECK("convenience_store_services"."id" = 1),
	CONSTRAINT "convenience_store_services_minimum_age" CHECK("convenience_store_services"."minimum_age" BETWEEN 0 AND 150),
	CONSTRAINT "convenience_store_services_hours_pair" CHECK(("convenience_store_services"."hours_ja" IS NULL) = ("convenience_store_services"."hours_en" IS NULL))
);
--> statement-breakpoint
CREATE TABLE `convenience_store_texts` (
	`category` text NOT NULL,
	`position` integer NOT NULL,
	`text_ja` text NOT NULL,
	`text_en` text NOT NULL,
	PRIMARY KEY(`category`, `position`),
	CONSTRAINT "convenience_store_texts_category" CHECK("convenience_store_texts"."category" IN ('CONDITION','NOTICE')),
	CONSTRAINT "convenience_store_texts_position" CHECK("convenience_store_texts"."position" >= 1)
);
--> statement-breakpoint
ALTER TABLE `certificate_types` ADD `pin_lower_case_source_id` text REFERENCES sources(id);--> statement-breakpoint
-- Hand-written from here on: drizzle-kit recreates a table to add a CHECK, and its copy selects
-- the new columns from the old table, which lack them. ADD COLUMN keeps the rows; the constraints
-- sit on the new columns, where every existing row satisfies them (their defaults or NULL).
ALTER TABLE `sources` ADD `kind` text DEFAULT 'PUBLIC_PAGE' NOT NULL CONSTRAINT "sources_kind" CHECK("kind" IN ('PUBLIC_PAGE','OUR_POLICY'));--> statement-breakpoint
ALTER TABLE `sources` ADD `title_ja_kind` text DEFAULT 'VERBATIM' NOT NULL CONSTRAINT "sources_title_ja_kind" CHECK("title_ja_kind" IN ('VERBATIM','COMPOSED')) CONSTRAINT "sources_policy_has_no_page" CHECK("kind" = 'PUBLIC_PAGE' OR "url" IS NULL);--> statement-breakpoint
ALTER TABLE `offices` ADD `availability_ja` text;--> statement-breakpoint
ALTER TABLE `offices` ADD `availability_en` text CONSTRAINT "offices_availability_pair" CHECK(("availability_ja" IS NULL) = ("availability_en" IS NULL));--> statement-breakpoint
ALTER TABLE `offices` ADD `reservation_required` integer;--> statement-breakpoint
ALTER TABLE `procedures` ADD `name_ja_kind` text DEFAULT 'VERBATIM' NOT NULL CONSTRAINT "procedures_name_ja_kind" CHECK("name_ja_kind" IN ('VERBATIM','COMPOSED'));--> statement-breakpoint
ALTER TABLE `procedures` ADD `id_document_list_code` text REFERENCES `id_document_lists`(`code`) ON UPDATE no action ON DELETE no action;--> statement-breakpoint
ALTER TABLE `validity_notes` ADD `text_ja_kind` text DEFAULT 'VERBATIM' NOT NULL CONSTRAINT "validity_notes_text_ja_kind" CHECK("text_ja_kind" IN ('VERBATIM','COMPOSED'));--> statement-breakpoint
ALTER TABLE `validity_notes` ADD `source_id` text REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action;--> statement-breakpoint
ALTER TABLE `contact_points` ADD `name_ja_kind` text DEFAULT 'VERBATIM' NOT NULL CONSTRAINT "contact_points_name_ja_kind" CHECK("name_ja_kind" IN ('VERBATIM','COMPOSED'));
