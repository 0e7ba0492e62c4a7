-- CreateTable
CREATE TABLE "InboundQueue" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "messageJson" TEXT NOT NULL,
    "aheadJson" TEXT,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "reason" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "personId" TEXT,
    "orgId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "diedAt" DATETIME
);

-- AlterTable (columns added in place: the outbox keeps its rows without a table copy)
ALTER TABLE "Outbox" ADD COLUMN "priority" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Outbox" ADD COLUMN "batchKey" TEXT;

-- CreateIndex
CREATE INDEX "Outbox_channel_address_status_idx" ON "Outbox"("channel", "address", "status");

-- CreateIndex
CREATE INDEX "InboundQueue_channel_address_status_idx" ON "InboundQueue"("channel", "address", "status");

-- CreateIndex
CREATE INDEX "InboundQueue_status_nextAttemptAt_idx" ON "InboundQueue"("status", "nextAttemptAt");

