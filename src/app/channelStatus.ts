// One line per channel saying whether it is on, and why not when it is off.
import type { Config } from "../config.ts";

export interface ChannelState {
  channel: "telegram" | "whatsapp" | "email" | "local";
  on: boolean;
  reason: string;
}

/** What each channel will do with this configuration, before anything is started. */
export function channelStates(config: Config): ChannelState[] {
  return [
    config.telegram.token
      ? { channel: "telegram", on: true, reason: config.telegram.webhookUrl ? "webhook" : "long polling" }
      : { channel: "telegram", on: false, reason: "no TELEGRAM_BOT_TOKEN set" },
    config.whatsapp.enabled
      ? { channel: "whatsapp", on: true, reason: "starting" }
      : { channel: "whatsapp", on: false, reason: "WHATSAPP_ENABLED is not set" },
    config.email.imapHost
      ? { channel: "email", on: true, reason: "starting" }
      : { channel: "email", on: false, reason: "no IMAP_HOST set" },
    config.localChannel || !(config.telegram.token || config.whatsapp.enabled || config.email.imapHost)
      ? { channel: "local", on: true, reason: config.localChannel ? "starting (LOCAL_CHANNEL=1)" : "starting: no other chat channel is configured" }
      : { channel: "local", on: false, reason: "a chat channel is configured; set LOCAL_CHANNEL=1 to add the browser chat simulator" },
  ];
}
