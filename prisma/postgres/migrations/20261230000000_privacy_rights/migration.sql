-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "aboutPersonId" TEXT;

-- CreateTable
CREATE TABLE "PurgeRequest" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "targetJson" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PurgeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PurgeRequest_kind_nextAttemptAt_idx" ON "PurgeRequest"("kind", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Message_aboutPersonId_idx" ON "Message"("aboutPersonId");


-- The audit keeps the fact of a crisis alert, not the words that raised it: earlier alerts lose the phrase.
-- The append-only trigger steps aside for this one statement only.
ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete";
UPDATE "AuditEvent" SET "dataJson" = ("dataJson"::jsonb - 'phrase')::text WHERE "type" = 'crisis_alert' AND "dataJson" LIKE '%"phrase"%';
ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update_delete";
