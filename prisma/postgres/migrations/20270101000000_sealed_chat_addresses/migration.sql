-- The chat addresses encrypted (issue 15 item 7): each table that names a chat gets the address encrypted in
-- addressEnc, and its address column then holds the keyed hash the service looks it up by. Rows stored before
-- this migration are converted by the service at start (src/store/sealAddresses.ts), a batch at a time.
-- AlterTable
ALTER TABLE "ChannelContact" ADD COLUMN "addressEnc" TEXT;

-- AlterTable
ALTER TABLE "ChannelIdentity" ADD COLUMN "addressEnc" TEXT;

-- AlterTable
ALTER TABLE "ChatMenu" ADD COLUMN "addressEnc" TEXT;

-- AlterTable
ALTER TABLE "DialogState" ADD COLUMN "addressEnc" TEXT;

-- AlterTable
ALTER TABLE "InboundQueue" ADD COLUMN "addressEnc" TEXT;

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "addressEnc" TEXT;

