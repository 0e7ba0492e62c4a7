-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "batchKey" TEXT,
ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "InboundQueue" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "messageJson" TEXT NOT NULL,
    "aheadJson" TEXT,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "reason" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "personId" TEXT,
    "orgId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "diedAt" TIMESTAMP(3),

    CONSTRAINT "InboundQueue_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InboundQueue_channel_address_status_idx" ON "InboundQueue"("channel", "address", "status");

-- CreateIndex
CREATE INDEX "InboundQueue_status_nextAttemptAt_idx" ON "InboundQueue"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Outbox_channel_address_status_idx" ON "Outbox"("channel", "address", "status");

