// The email channel as the service sees it: no edits and no toasts, replies threaded on the mail they answer,
// and the intake as one form filled in by reply; on when IMAP_HOST is set (its settings: emailSettings.ts).
// imapflow, mailparser and nodemailer (some 30 MB) are loaded only when the channel starts.
import { defineChannelModule } from "../channelModule.ts";
import { emailSettings } from "./emailSettings.ts";

declare module "../channelModule.ts" {
  interface ChannelSeams {
    /** IMAP reconnect pacing (tests: fast). */
    emailReconnect?: { initialDelayMs?: number; maxDelayMs?: number };
  }
}

export const emailModule = defineChannelModule({
  id: "email",
  settings: emailSettings,
  capabilities: { canEdit: false, toasts: false, formIntake: true, threadsReplies: true },
  // No per-chat limit worth keeping; the SMTP server's own pace is the limit.
  sendLimits: () => ({ perChatIntervalMs: 0, globalPerSecond: 20 }),
  plan: (config) => (config.email.imapHost ? { on: true, reason: "starting" } : { on: false, reason: "no IMAP_HOST set" }),
  logName: "email channel",
});
