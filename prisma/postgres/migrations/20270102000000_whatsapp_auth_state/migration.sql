-- CreateTable (the WhatsApp login session and Signal keys, encrypted at rest, instead of WHATSAPP_AUTH_DIR)
CREATE TABLE "WhatsAppAuthKey" (
    "category" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WhatsAppAuthKey_pkey" PRIMARY KEY ("category","id")
);

-- CreateIndex
CREATE INDEX "WhatsAppAuthKey_category_updatedAt_idx" ON "WhatsAppAuthKey"("category", "updatedAt");
