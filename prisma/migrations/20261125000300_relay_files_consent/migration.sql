-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "aboutPersonId" TEXT;
ALTER TABLE "Outbox" ADD COLUMN "stepRunId" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN "clientKind" TEXT;
ALTER TABLE "Person" ADD COLUMN "orgId" TEXT;

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "bytes" BLOB NOT NULL,
    "name" TEXT,
    "mimeType" TEXT,
    "size" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "textVersion" TEXT NOT NULL,
    "givenAt" DATETIME NOT NULL,
    "withdrawnAt" DATETIME
);

-- CreateTable
CREATE TABLE "ChatMenu" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "buttonsJson" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "MailCursor" (
    "mailbox" TEXT NOT NULL PRIMARY KEY,
    "uidValidity" TEXT NOT NULL,
    "lastUid" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Consent_personId_idx" ON "Consent"("personId");

-- CreateIndex
CREATE INDEX "ChatMenu_channel_address_createdAt_idx" ON "ChatMenu"("channel", "address", "createdAt");

-- CreateIndex
CREATE INDEX "ChatMenu_channel_platformId_idx" ON "ChatMenu"("channel", "platformId");

-- CreateIndex
CREATE INDEX "Outbox_stepRunId_idx" ON "Outbox"("stepRunId");

-- CreateIndex
CREATE INDEX "Outbox_channel_address_platformId_idx" ON "Outbox"("channel", "address", "platformId");

