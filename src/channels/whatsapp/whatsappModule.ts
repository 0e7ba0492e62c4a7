// The WhatsApp channel as the service sees it: no edits and no toasts (numbered menus instead of buttons),
// the intake a question at a time; on with WHATSAPP_ENABLED (or a test's socket); the sender paces itself
// (typing, per-chat gaps), so the outbox does not (its settings: whatsappSettings.ts). baileys (some 65 MB) is
// loaded only when the channel starts.
import { defineChannelModule } from "../channelModule.ts";
import { whatsappSettings } from "./whatsappSettings.ts";
import type { WhatsAppBaileysSeam } from "./startWhatsApp.ts";
import type { WhatsAppSocket } from "./whatsappSocket.ts";

declare module "../channelModule.ts" {
  interface ChannelSeams {
    /** A WhatsApp socket to use instead of baileys (tests drive it with a fake); turns WhatsApp on. */
    whatsappSocket?: WhatsAppSocket;
    /** baileys with only makeWASocket replaced (the session in the database, as in production); turns WhatsApp on. */
    whatsappBaileys?: WhatsAppBaileysSeam;
  }
}

export const whatsappModule = defineChannelModule({
  id: "whatsapp",
  settings: whatsappSettings,
  capabilities: { canEdit: false, toasts: false, formIntake: false, threadsReplies: false },
  sendLimits: () => ({ perChatIntervalMs: 0, globalPerSecond: 1000 }),
  plan: (config, { seams }) =>
    config.whatsapp.enabled || seams.whatsappSocket || seams.whatsappBaileys
      ? { on: true, reason: "starting" }
      : { on: false, reason: "WHATSAPP_ENABLED is not set" },
  logName: "whatsapp channel",
});
