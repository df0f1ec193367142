PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_id_documents` (
	`list_code` text NOT NULL,
	`position` integer NOT NULL,
	`name_ja` text NOT NULL,
	`name_en` text NOT NULL,
	`issued_on_or_after` text,
	`photo_required` integer NOT NULL,
	`last_expires_on` text,
	`last_expires_on_source_id` text,
	PRIMARY KEY(`list_code`, `position`),
	FOREIGN KEY (`list_code`) REFERENCES `id_document_lists`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`last_expires_on_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "id_documents_position" CHECK("__new_id_documents"."position" >= 1),
	CONSTRAINT "id_documents_issued_on_or_after" CHECK("__new_id_documents"."issued_on_or_after" IS NULL OR "__new_id_documents"."issued_on_or_after" GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "id_documents_last_expires_on" CHECK("__new_id_documents"."last_expires_on" IS NULL OR "__new_id_documents"."last_expires_on" GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
	CONSTRAINT "id_documents_last_expiry_sourced" CHECK(("__new_id_documents"."last_expires_on" IS NULL) = ("__new_id_documents"."last_expires_on_source_id" IS NULL))
);
--> statement-breakpoint
INSERT INTO `__new_id_documents`("list_code", "position", "name_ja", "name_en", "issued_on_or_after", "photo_required") SELECT "list_code", "position", "name_ja", "name_en", "issued_on_or_after", "photo_required" FROM `id_documents`;--> statement-breakpoint
DROP TABLE `id_documents`;--> statement-breakpoint
ALTER TABLE `__new_id_documents` RENAME TO `id_documents`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `id_documents_name` ON `id_documents` (`list_code`,`name_ja`);