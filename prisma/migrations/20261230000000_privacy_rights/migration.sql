-- AlterTable (a column added in place: the client a staff member's message without a case was for)
ALTER TABLE "Message" ADD COLUMN "aboutPersonId" TEXT;

-- CreateTable
CREATE TABLE "PurgeRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "targetJson" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "PurgeRequest_kind_nextAttemptAt_idx" ON "PurgeRequest"("kind", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Message_aboutPersonId_idx" ON "Message"("aboutPersonId");

-- The audit keeps the fact of a crisis alert, not the words that raised it: earlier alerts lose the phrase.
-- The append-only trigger steps aside for this one statement only.
DROP TRIGGER "AuditEvent_no_update";
UPDATE "AuditEvent" SET "dataJson" = json_remove("dataJson", '$.phrase') WHERE "type" = 'crisis_alert' AND json_valid("dataJson");
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
BEGIN
  SELECT RAISE(ABORT, 'AuditEvent is append-only');
END;
