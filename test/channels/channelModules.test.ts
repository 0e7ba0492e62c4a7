// The one list of channels: what each can do (the dialogs and the store ask these, never a channel's name),
// the Channel ids it yields, and which channels a configuration turns on, with the local stand-in.
import { describe, expect, it } from "vitest";
import { capabilitiesOf, channelModules, CHANNELS, planChannels } from "../../src/channels/channelModules.ts";
import { NO_CAPABILITIES } from "../../src/channels/channelModule.ts";
import { inboundMessageSchema } from "../../src/channels/inboundMessage.ts";
import { loadConfig } from "../../src/config.ts";
import type { WhatsAppSocket } from "../../src/channels/whatsapp/whatsappSocket.ts";

const TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const stateOf = (states: ReturnType<typeof planChannels>, channel: string) => states.find((s) => s.channel === channel)!;

describe("channel modules", () => {
  it("lists every channel once, and the inbound message accepts exactly those", () => {
    expect(CHANNELS).toEqual(["telegram", "whatsapp", "email", "local"]);
    expect(new Set(channelModules.map((m) => m.id)).size).toBe(channelModules.length);
    const msg = { address: "1", platformId: "1", receivedAt: new Date() };
    for (const channel of CHANNELS) expect(inboundMessageSchema.safeParse({ ...msg, channel }).success).toBe(true);
    expect(inboundMessageSchema.safeParse({ ...msg, channel: "sms" }).success).toBe(false);
  });

  it("says what each channel can do, and nothing special for a channel no longer listed", () => {
    expect(capabilitiesOf("telegram")).toEqual({ canEdit: true, toasts: true, formIntake: false, threadsReplies: false });
    expect(capabilitiesOf("whatsapp")).toEqual({ canEdit: false, toasts: false, formIntake: false, threadsReplies: false });
    expect(capabilitiesOf("email")).toEqual({ canEdit: false, toasts: false, formIntake: true, threadsReplies: true });
    expect(capabilitiesOf("local")).toEqual({ canEdit: true, toasts: false, formIntake: false, threadsReplies: false });
    expect(capabilitiesOf("fax")).toEqual(NO_CAPABILITIES);
  });

  it("takes each channel's send pace from its module", () => {
    const config = loadConfig({ TELEGRAM_PER_CHAT_INTERVAL_MS: "1500", TELEGRAM_MAX_PER_SECOND: "25" });
    const limits = Object.fromEntries(channelModules.map((m) => [m.id, m.sendLimits(config)]));
    expect(limits.telegram).toEqual({ perChatIntervalMs: 1500, perGroupIntervalMs: 4500, globalPerSecond: 25 });
    expect(limits.email).toEqual({ perChatIntervalMs: 0, globalPerSecond: 20 });
  });

  it("starts the local simulator when nothing else is configured, and only when asked beside a real channel", () => {
    const none = planChannels(loadConfig({}));
    expect(none.map((s) => [s.channel, s.on])).toEqual([
      ["telegram", false],
      ["whatsapp", false],
      ["email", false],
      ["local", true],
    ]);
    expect(stateOf(none, "local").reason).toBe("starting: no other chat channel is configured");

    const telegram = planChannels(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN }));
    expect(stateOf(telegram, "telegram")).toEqual({ channel: "telegram", on: true, reason: "long polling" });
    expect(stateOf(telegram, "local").on).toBe(false);

    const both = planChannels(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, LOCAL_CHANNEL: "1" }));
    expect(stateOf(both, "local")).toEqual({ channel: "local", on: true, reason: "starting (LOCAL_CHANNEL=1)" });
  });

  it("turns WhatsApp on for a test's socket, which then counts as another channel", () => {
    const states = planChannels(loadConfig({}), { whatsappSocket: {} as WhatsAppSocket }); // only its presence counts here
    expect(stateOf(states, "whatsapp").on).toBe(true);
    expect(stateOf(states, "local").on).toBe(false);
  });
});
