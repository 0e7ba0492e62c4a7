-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "aboutPersonId" TEXT,
ADD COLUMN     "stepRunId" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "clientKind" TEXT,
ADD COLUMN     "orgId" TEXT;

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "name" TEXT,
    "mimeType" TEXT,
    "size" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "textVersion" TEXT NOT NULL,
    "givenAt" TIMESTAMP(3) NOT NULL,
    "withdrawnAt" TIMESTAMP(3),

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatMenu" (
    "id" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "buttonsJson" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatMenu_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MailCursor" (
    "mailbox" TEXT NOT NULL,
    "uidValidity" TEXT NOT NULL,
    "lastUid" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MailCursor_pkey" PRIMARY KEY ("mailbox")
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

