-- AlterTable
ALTER TABLE "Appointment" ADD COLUMN     "meetingCode" TEXT,
ADD COLUMN     "remindersJson" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "sequence" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "CounsellorCalendar" (
    "personId" TEXT NOT NULL,
    "googleEmail" TEXT,
    "refreshToken" TEXT,
    "calendarId" TEXT NOT NULL DEFAULT 'primary',
    "workingHoursJson" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CounsellorCalendar_pkey" PRIMARY KEY ("personId")
);

-- CreateTable
CREATE TABLE "SessionOffer" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "stepRunId" TEXT,
    "counsellorId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "slotsJson" TEXT NOT NULL DEFAULT '[]',
    "chosen" INTEGER,
    "appointmentId" TEXT,
    "requestedBy" TEXT NOT NULL DEFAULT 'step',
    "page" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionOffer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SessionOffer_status_nextAttemptAt_idx" ON "SessionOffer"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "SessionOffer_caseId_idx" ON "SessionOffer"("caseId");

