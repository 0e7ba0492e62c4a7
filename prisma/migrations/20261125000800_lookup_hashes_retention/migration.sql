-- AlterTable
ALTER TABLE "Case" ADD COLUMN "anonymisedAt" DATETIME;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN "emailHash" TEXT;
ALTER TABLE "Person" ADD COLUMN "nipHash" TEXT;
ALTER TABLE "Person" ADD COLUMN "nppHash" TEXT;
ALTER TABLE "Person" ADD COLUMN "phoneHash" TEXT;

-- CreateIndex
CREATE INDEX "Person_nppHash_idx" ON "Person"("nppHash");

-- CreateIndex
CREATE INDEX "Person_nipHash_idx" ON "Person"("nipHash");

-- CreateIndex
CREATE INDEX "Person_phoneHash_idx" ON "Person"("phoneHash");

-- CreateIndex
CREATE INDEX "Person_emailHash_idx" ON "Person"("emailHash");

