CREATE TABLE "audit_log_shipped" (
	"id" smallint PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
-- Events from before this migration are in the database only: the server log starts now.
INSERT INTO "audit_log_shipped" ("id", "seq") SELECT 1, coalesce(max("seq"), 0) FROM "audit_log";
