-- AlterTable
ALTER TABLE "StepRun" ADD COLUMN "actualMin" INTEGER;

-- CreateIndex
CREATE INDEX "StepRun_stepId_actedAt_idx" ON "StepRun"("stepId", "actedAt");

