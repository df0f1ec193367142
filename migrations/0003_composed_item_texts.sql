-- Hand-written, as in 0001 and 0002: drizzle-kit recreates both tables to add a CHECK, and its copy
-- selects the new column from the old table, which lacks it. ADD COLUMN keeps the rows; every
-- existing row takes the default, VERBATIM, which the constraint allows.
ALTER TABLE `procedure_items` ADD `text_ja_kind` text DEFAULT 'VERBATIM' NOT NULL CONSTRAINT "procedure_items_text_ja_kind" CHECK("text_ja_kind" IN ('VERBATIM','COMPOSED'));--> statement-breakpoint
ALTER TABLE `revocation_triggers` ADD `text_ja_kind` text DEFAULT 'VERBATIM' NOT NULL CONSTRAINT "revocation_triggers_text_ja_kind" CHECK("text_ja_kind" IN ('VERBATIM','COMPOSED'));
