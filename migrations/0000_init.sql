CREATE TABLE `certificate_types` (
	`kind` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`name_ja` text NOT NULL,
	`name_en` text NOT NULL,
	`uses_ja` text NOT NULL,
	`uses_en` text NOT NULL,
	`validity_ja` text NOT NULL,
	`validity_en` text NOT NULL,
	`not_issued_to_ja` text,
	`not_issued_to_en` text,
	`minimum_age` integer,
	`excludes_adults_under_guardianship` integer NOT NULL,
	`pin_description_ja` text NOT NULL,
	`pin_description_en` text NOT NULL,
	`pin_min_length` integer NOT NULL,
	`pin_max_length` integer NOT NULL,
	`pin_allowed_characters` text NOT NULL,
	`pin_requires_letter` integer NOT NULL,
	`pin_requires_digit` integer NOT NULL,
	`pin_lower_case_converted_to_upper` integer NOT NULL,
	`pin_lock_after_failed_attempts` integer NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "certificate_types_kind" CHECK("certificate_types"."kind" IN ('USER_AUTHENTICATION','SIGNATURE')),
	CONSTRAINT "certificate_types_minimum_age" CHECK("certificate_types"."minimum_age" IS NULL OR "certificate_types"."minimum_age" BETWEEN 0 AND 150),
	CONSTRAINT "certificate_types_pin_lengths" CHECK("certificate_types"."pin_min_length" >= 1 AND "certificate_types"."pin_max_length" >= "certificate_types"."pin_min_length"),
	CONSTRAINT "certificate_types_pin_characters" CHECK(length("certificate_types"."pin_allowed_characters") >= 1 AND "certificate_types"."pin_allowed_characters" NOT GLOB '*[^0-9A-Z]*'),
	CONSTRAINT "certificate_types_lock" CHECK("certificate_types"."pin_lock_after_failed_attempts" >= 1)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificate_types_position_unique` ON `certificate_types` (`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificate_types_name_ja_unique` ON `certificate_types` (`name_ja`);--> statement-breakpoint
CREATE TABLE `contact_points` (
	`id` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`name_ja` text NOT NULL,
	`name_en` text NOT NULL,
	`purpose_ja` text NOT NULL,
	`purpose_en` text NOT NULL,
	`phone` text NOT NULL,
	`toll_free` integer NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contact_points_phone" CHECK("contact_points"."phone" GLOB '0[0-9]*-[0-9]*-[0-9]*')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_points_position_unique` ON `contact_points` (`position`);--> statement-breakpoint
CREATE TABLE `id_document_list_rules` (
	`list_code` text NOT NULL,
	`position` integer NOT NULL,
	`text_ja` text NOT NULL,
	`text_en` text NOT NULL,
	PRIMARY KEY(`list_code`, `position`),
	FOREIGN KEY (`list_code`) REFERENCES `id_document_lists`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "id_document_list_rules_position" CHECK("id_document_list_rules"."position" >= 1)
);
--> statement-breakpoint
CREATE TABLE `id_document_lists` (
	`code` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`description_ja` text NOT NULL,
	`description_en` text NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "id_document_lists_code" CHECK("id_document_lists"."code" GLOB '[A-Z]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `id_document_lists_position_unique` ON `id_document_lists` (`position`);--> statement-breakpoint
CREATE TABLE `id_documents` (
	`list_code` text NOT NULL,
	`position` integer NOT NULL,
	`name_ja` text NOT NULL,
	`name_en` text NOT NULL,
	`issued_on_or_after` text,
	`photo_required` integer NOT NULL,
	PRIMARY KEY(`list_code`, `position`),
	FOREIGN KEY (`list_code`) REFERENCES `id_document_lists`(`code`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "id_documents_position" CHECK("id_documents"."position" >= 1),
	CONSTRAINT "id_documents_issued_on_or_after" CHECK("id_documents"."issued_on_or_after" IS NULL OR "id_documents"."issued_on_or_after" GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `id_documents_name` ON `id_documents` (`list_code`,`name_ja`);--> statement-breakpoint
CREATE TABLE `notice_paragraphs` (
	`notice_id` text NOT NULL,
	`position` integer NOT NULL,
	`text_ja` text NOT NULL,
	`text_en` text NOT NULL,
	PRIMARY KEY(`notice_id`, `position`),
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "notice_paragraphs_position" CHECK("notice_paragraphs"."position" >= 1)
);
--> statement-breakpoint
CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`title_ja` text NOT NULL,
	`title_en` text NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notices_position_unique` ON `notices` (`position`);--> statement-breakpoint
CREATE TABLE `offices` (
	`id` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`ward` text,
	`name_ja` text NOT NULL,
	`name_en` text NOT NULL,
	`name_kana` text NOT NULL,
	`department_ja` text,
	`department_en` text,
	`postal_code` text,
	`address_ja` text,
	`address_en` text,
	`phone` text,
	`source_id` text NOT NULL,
	FOREIGN KEY (`ward`) REFERENCES `wards`(`key`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "offices_kind" CHECK("offices"."kind" IN ('WARD_OFFICE','CARD_CENTER')),
	CONSTRAINT "offices_ward_iff_ward_office" CHECK(("offices"."kind" = 'WARD_OFFICE') = ("offices"."ward" IS NOT NULL)),
	CONSTRAINT "offices_postal_code" CHECK("offices"."postal_code" IS NULL OR "offices"."postal_code" GLOB '[0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]'),
	CONSTRAINT "offices_phone" CHECK("offices"."phone" IS NULL OR "offices"."phone" GLOB '0[0-9]*-[0-9]*-[0-9]*'),
	CONSTRAINT "offices_department_pair" CHECK(("offices"."department_ja" IS NULL) = ("offices"."department_en" IS NULL)),
	CONSTRAINT "offices_address_pair" CHECK(("offices"."address_ja" IS NULL) = ("offices"."address_en" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `offices_position_unique` ON `offices` (`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `offices_name_ja_unique` ON `offices` (`name_ja`);--> statement-breakpoint
CREATE UNIQUE INDEX `offices_one_per_ward` ON `offices` (`ward`);--> statement-breakpoint
CREATE TABLE `procedure_items` (
	`procedure` text NOT NULL,
	`category` text NOT NULL,
	`position` integer NOT NULL,
	`text_ja` text NOT NULL,
	`text_en` text NOT NULL,
	PRIMARY KEY(`procedure`, `category`, `position`),
	FOREIGN KEY (`procedure`) REFERENCES `procedures`(`kind`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "procedure_items_category" CHECK("procedure_items"."category" IN ('REQUIREMENT','NOTE')),
	CONSTRAINT "procedure_items_position" CHECK("procedure_items"."position" >= 1)
);
--> statement-breakpoint
CREATE TABLE `procedure_offices` (
	`procedure` text NOT NULL,
	`office_kind` text NOT NULL,
	`residence_rule` text NOT NULL,
	PRIMARY KEY(`procedure`, `office_kind`),
	FOREIGN KEY (`procedure`) REFERENCES `procedures`(`kind`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "procedure_offices_kind" CHECK("procedure_offices"."office_kind" IN ('WARD_OFFICE','CARD_CENTER')),
	CONSTRAINT "procedure_offices_rule" CHECK("procedure_offices"."residence_rule" IN ('OWN_WARD','ANY_RESIDENT'))
);
--> statement-breakpoint
CREATE TABLE `procedures` (
	`kind` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`name_ja` text NOT NULL,
	`name_en` text NOT NULL,
	`fee_yen` integer,
	`source_id` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "procedures_kind" CHECK("procedures"."kind" IN ('RENEWAL','PIN_RESET')),
	CONSTRAINT "procedures_fee" CHECK("procedures"."fee_yen" IS NULL OR "procedures"."fee_yen" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `procedures_position_unique` ON `procedures` (`position`);--> statement-breakpoint
CREATE TABLE `revocation_triggers` (
	`certificate_kind` text NOT NULL,
	`position` integer NOT NULL,
	`text_ja` text NOT NULL,
	`text_en` text NOT NULL,
	PRIMARY KEY(`certificate_kind`, `position`),
	FOREIGN KEY (`certificate_kind`) REFERENCES `certificate_types`(`kind`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "revocation_triggers_position" CHECK("revocation_triggers"."position" >= 1)
);
--> statement-breakpoint
CREATE TABLE `seed_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`data_hash` text NOT NULL,
	CONSTRAINT "seed_state_single_row" CHECK("seed_state"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`title_ja` text NOT NULL,
	`title_en` text NOT NULL,
	`publisher_ja` text NOT NULL,
	`publisher_en` text NOT NULL,
	`url` text
);
--> statement-breakpoint
CREATE TABLE `validity_notes` (
	`code` text PRIMARY KEY NOT NULL,
	`text_ja` text NOT NULL,
	`text_en` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `validity_rules` (
	`id` integer PRIMARY KEY NOT NULL,
	`validity_birthdays` integer NOT NULL,
	`renewal_validity_birthdays` integer NOT NULL,
	`renewal_window_months` integer NOT NULL,
	`leap_day_birthday_month` integer NOT NULL,
	`leap_day_birthday_day` integer NOT NULL,
	`leap_day_age_month` integer NOT NULL,
	`leap_day_age_day` integer NOT NULL,
	`source_id` text NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "validity_rules_single_row" CHECK("validity_rules"."id" = 1),
	CONSTRAINT "validity_rules_birthdays" CHECK("validity_rules"."validity_birthdays" >= 1 AND "validity_rules"."renewal_validity_birthdays" >= "validity_rules"."validity_birthdays"),
	CONSTRAINT "validity_rules_window" CHECK("validity_rules"."renewal_window_months" BETWEEN 1 AND 12),
	CONSTRAINT "validity_rules_leap_birthday" CHECK(("validity_rules"."leap_day_birthday_month" = 2 AND "validity_rules"."leap_day_birthday_day" = 28) OR ("validity_rules"."leap_day_birthday_month" = 3 AND "validity_rules"."leap_day_birthday_day" = 1)),
	CONSTRAINT "validity_rules_leap_age" CHECK(("validity_rules"."leap_day_age_month" = 2 AND "validity_rules"."leap_day_age_day" = 28) OR ("validity_rules"."leap_day_age_month" = 3 AND "validity_rules"."leap_day_age_day" = 1))
);
--> statement-breakpoint
CREATE TABLE `wards` (
	`key` text PRIMARY KEY NOT NULL,
	`position` integer NOT NULL,
	`code` text NOT NULL,
	`name_ja` text NOT NULL,
	`name_en` text NOT NULL,
	CONSTRAINT "wards_key" CHECK("wards"."key" IN ('CHUO','KITA','HIGASHI','SHIROISHI','ATSUBETSU','TOYOHIRA','KIYOTA','MINAMI','NISHI','TEINE')),
	CONSTRAINT "wards_code" CHECK("wards"."code" GLOB '01[0-9][0-9][0-9][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wards_position_unique` ON `wards` (`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `wards_code_unique` ON `wards` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `wards_name_ja_unique` ON `wards` (`name_ja`);