-- AlterTable
ALTER TABLE "ButtonToken" ADD COLUMN "outboxId" TEXT;

-- CreateIndex
CREATE INDEX "ButtonToken_outboxId_idx" ON "ButtonToken"("outboxId");

