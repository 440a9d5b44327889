-- The audit trail is append-only: 0001 refuses UPDATE and DELETE row by row, but TRUNCATE fires no
-- row triggers. A statement-level trigger refuses it too, with the same function and message. The
-- table's owner can still drop or disable triggers: run the application as a role that owns nothing
-- (README, "PostgreSQL").
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
