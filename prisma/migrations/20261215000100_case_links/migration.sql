-- AlterTable
ALTER TABLE "Case" ADD COLUMN "linkedFromId" TEXT;

-- CreateIndex
CREATE INDEX "Case_linkedFromId_idx" ON "Case"("linkedFromId");
