-- AlterTable (columns added in place: a session's Meet link Google is still making, and when to read it again)
ALTER TABLE "Appointment" ADD COLUMN "linkCheckAt" DATETIME;
ALTER TABLE "Appointment" ADD COLUMN "linkPendingSince" DATETIME;

-- CreateIndex
CREATE INDEX "Appointment_linkCheckAt_idx" ON "Appointment"("linkCheckAt");
