-- AlterTable
ALTER TABLE "Appointment" ADD COLUMN     "linkCheckAt" TIMESTAMP(3),
ADD COLUMN     "linkPendingSince" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Appointment_linkCheckAt_idx" ON "Appointment"("linkCheckAt");
