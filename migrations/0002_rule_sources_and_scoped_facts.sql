CREATE TABLE `rule_sources` (
	`rule` text NOT NULL,
	`position` integer NOT NULL,
	`source_id` text NOT NULL,
	PRIMARY KEY(`rule`, `position`),
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rule_sources_rule" CHECK("rule_sources"."rule" IN ('VALIDITY_BIRTHDAYS','RENEWAL_INSIDE_WINDOW_BIRTHDAYS','APPLICATION_BEFORE_RENEWAL_WINDOW','APPLICATION_DAY_DECIDES_WINDOW','CAPPED_BY_CARD_EXPIRY','CAPPED_BY_USER_AUTHENTICATION','SIGNATURE_ISSUANCE_LIMITS','RENEWAL_WINDOW','RENEWAL_WINDOW_MISSING_DAY','RENEWAL_FEE','CONVENIENCE_STORE_CONDITIONS','CONVENIENCE_STORE_CERTIFICATE_EXPIRY','CONVENIENCE_STORE_USE_REGISTRATION','CONVENIENCE_STORE_REMEDIES','LEAP_DAY_BIRTHDAY','LEAP_DAY_AGE')),
	CONSTRAINT "rule_sources_position" CHECK("rule_sources"."position" >= 1)
);
--> statement-breakpoint
ALTER TABLE `convenience_store_documents` ADD `source_id` text REFERENCES sources(id);--> statement-breakpoint
ALTER TABLE `convenience_store_texts` ADD `source_id` text REFERENCES sources(id);--> statement-breakpoint
-- Hand-written from here on, as in 0001: drizzle-kit recreates offices to add a CHECK, and its copy
-- selects the new columns from the old table, which lacks them. ADD COLUMN keeps the rows; the
-- constraint sits on the new columns, which every existing row satisfies (all NULL).
ALTER TABLE `offices` ADD `name_kana_source_id` text REFERENCES sources(id);--> statement-breakpoint
ALTER TABLE `offices` ADD `reservation_when_ja` text;--> statement-breakpoint
ALTER TABLE `offices` ADD `reservation_when_en` text;--> statement-breakpoint
ALTER TABLE `offices` ADD `reservation_purpose_ja` text;--> statement-breakpoint
ALTER TABLE `offices` ADD `reservation_purpose_en` text CONSTRAINT "offices_reservation_scope" CHECK(("reservation_when_ja" IS NULL) = ("reservation_when_en" IS NULL) AND ("reservation_when_ja" IS NULL) = ("reservation_purpose_ja" IS NULL) AND ("reservation_purpose_ja" IS NULL) = ("reservation_purpose_en" IS NULL));--> statement-breakpoint
ALTER TABLE `wards` ADD `source_id` text REFERENCES sources(id);