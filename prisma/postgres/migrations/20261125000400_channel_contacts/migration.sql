-- CreateTable
CREATE TABLE "ChannelContact" (
    "channel" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "firstInboundAt" TIMESTAMP(3) NOT NULL,
    "lastInboundAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChannelContact_pkey" PRIMARY KEY ("channel","address")
);

