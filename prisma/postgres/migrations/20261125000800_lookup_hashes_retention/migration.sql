-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "anonymisedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "emailHash" TEXT,
ADD COLUMN     "nipHash" TEXT,
ADD COLUMN     "nppHash" TEXT,
ADD COLUMN     "phoneHash" TEXT;

-- CreateIndex
CREATE INDEX "Person_nppHash_idx" ON "Person"("nppHash");

-- CreateIndex
CREATE INDEX "Person_nipHash_idx" ON "Person"("nipHash");

-- CreateIndex
CREATE INDEX "Person_phoneHash_idx" ON "Person"("phoneHash");

-- CreateIndex
CREATE INDEX "Person_emailHash_idx" ON "Person"("emailHash");

