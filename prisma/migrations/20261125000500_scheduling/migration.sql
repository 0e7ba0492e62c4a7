-- CreateTable
CREATE TABLE "CounsellorCalendar" (
    "personId" TEXT NOT NULL PRIMARY KEY,
    "googleEmail" TEXT,
    "refreshToken" TEXT,
    "calendarId" TEXT NOT NULL DEFAULT 'primary',
    "workingHoursJson" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SessionOffer" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Appointment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseId" TEXT NOT NULL,
    "stepRunId" TEXT,
    "counsellorId" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "meetUrl" TEXT,
    "meetingCode" TEXT,
    "externalId" TEXT,
    "status" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "remindersJson" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Appointment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Appointment_counsellorId_fkey" FOREIGN KEY ("counsellorId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Appointment" ("caseId", "counsellorId", "createdAt", "endsAt", "externalId", "id", "meetUrl", "startsAt", "status", "stepRunId") SELECT "caseId", "counsellorId", "createdAt", "endsAt", "externalId", "id", "meetUrl", "startsAt", "status", "stepRunId" FROM "Appointment";
DROP TABLE "Appointment";
ALTER TABLE "new_Appointment" RENAME TO "Appointment";
CREATE INDEX "Appointment_caseId_idx" ON "Appointment"("caseId");
CREATE INDEX "Appointment_counsellorId_startsAt_idx" ON "Appointment"("counsellorId", "startsAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SessionOffer_status_nextAttemptAt_idx" ON "SessionOffer"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "SessionOffer_caseId_idx" ON "SessionOffer"("caseId");

