-- CreateTable
CREATE TABLE "ChannelContact" (
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "firstInboundAt" DATETIME NOT NULL,
    "lastInboundAt" DATETIME NOT NULL,

    PRIMARY KEY ("channel", "address")
);

