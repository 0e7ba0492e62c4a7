// The WhatsApp channel's settings: WHATSAPP_ENABLED turns it on; the login (a pairing number instead of a QR
// code; the session is kept in the database, and an older release's session folder is copied in once); the WhatsApp
// Web version (baileys' built-in one, or the latest fetched at start); the pacing that keeps clear of WhatsApp's spam detection; media and
// read receipts.
import { z } from "zod";
import { defineChannelSettings } from "../channelSettings.ts";
import { flag, flagOn, optionalText, positiveInt, wholeNumber } from "../envFields.ts";

export const whatsappSettings = defineChannelSettings({
  variables: {
    WHATSAPP_ENABLED: flag,
    WHATSAPP_PAIRING_NUMBER: optionalText.pipe(
      z
        .string()
        .regex(/^\+?[\d\s-]{9,20}$/, "expected the service phone's number, e.g. 6281234567890")
        .optional(),
    ),
    WHATSAPP_AUTH_DIR: z.string().min(1).default("data/whatsapp-auth"),
    WHATSAPP_FETCH_LATEST_VERSION: flag,
    WHATSAPP_PER_CHAT_INTERVAL_MS: wholeNumber(3000),
    WHATSAPP_MIN_INTERVAL_MS: wholeNumber(1000),
    WHATSAPP_MAX_PER_MINUTE: positiveInt(20),
    WHATSAPP_TYPING_MS: wholeNumber(1200),
    WHATSAPP_MAX_MEDIA_MB: positiveInt(25),
    WHATSAPP_READ_RECEIPTS: flagOn,
  },
  read: (v) => ({
    enabled: v.WHATSAPP_ENABLED,
    pairingNumber: v.WHATSAPP_PAIRING_NUMBER?.replace(/\D/g, ""),
    authDir: v.WHATSAPP_AUTH_DIR,
    fetchLatestVersion: v.WHATSAPP_FETCH_LATEST_VERSION,
    limits: {
      perChatIntervalMs: v.WHATSAPP_PER_CHAT_INTERVAL_MS,
      minIntervalMs: v.WHATSAPP_MIN_INTERVAL_MS,
      maxPerMinute: v.WHATSAPP_MAX_PER_MINUTE,
      typingMs: v.WHATSAPP_TYPING_MS,
    },
    maxMediaBytes: v.WHATSAPP_MAX_MEDIA_MB * 1024 * 1024,
    readReceipts: v.WHATSAPP_READ_RECEIPTS,
  }),
  // A jid, e.g. 6281234567890@s.whatsapp.net.
  adminAddress: { example: "<number>@s.whatsapp.net", parse: (address) => (/^.+$/.test(address) ? address : undefined) },
});

/** What config.whatsapp holds. */
export type WhatsAppSettings = ReturnType<typeof whatsappSettings.read>;
