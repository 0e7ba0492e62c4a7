-- CreateTable (the WhatsApp login session and Signal keys, encrypted at rest, instead of WHATSAPP_AUTH_DIR)
CREATE TABLE "WhatsAppAuthKey" (
    "category" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("category", "id")
);

-- CreateIndex
CREATE INDEX "WhatsAppAuthKey_category_updatedAt_idx" ON "WhatsAppAuthKey"("category", "updatedAt");
