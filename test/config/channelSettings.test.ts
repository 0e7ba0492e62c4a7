// Each channel's settings come from its module's variables (src/channels/<name>/<name>Settings.ts), composed
// into the one configuration: config.<channel id> holds them, a bad value still names its variable, checks
// between a channel's variables still run, and ADMIN_CONTACTS takes the channels that say how an address is written.
import { describe, expect, it } from "vitest";
import { channelModules } from "../../src/channels/channelModules.ts";
import { loadConfig } from "../../src/config.ts";
import { configProblemsOf } from "../support/configProblems.ts";

const problemsOf = configProblemsOf;

describe("channel settings in the configuration", () => {
  it("holds each listed channel's settings under its id", () => {
    const config = loadConfig({ LOCAL_CHANNEL: "yes", WHATSAPP_PAIRING_NUMBER: "+62 812-3456-7890", MAIL_MAX_MESSAGE_MB: "2" });
    for (const m of channelModules) expect(config[m.id], m.id).toBeDefined();
    expect(config.local).toEqual({ alwaysOn: true });
    expect(config.whatsapp.pairingNumber).toBe("6281234567890");
    expect(config.whatsapp.limits).toEqual({ perChatIntervalMs: 3000, minIntervalMs: 1000, maxPerMinute: 20, typingMs: 1200 });
    expect(config.email).toMatchObject({ imap: undefined, smtp: undefined, maxMessageBytes: 2 * 1024 * 1024 });
    expect(config.telegram).toEqual({ perChatIntervalMs: 1000, maxPerSecond: 30 });
  });

  it("reads the email channel's IMAP and SMTP servers when IMAP_HOST is set", () => {
    const config = loadConfig({
      IMAP_HOST: "imap.unit.go.id",
      IMAP_USER: "konseling",
      IMAP_PASSWORD: "rahasia",
      SMTP_HOST: "smtp.unit.go.id",
      SMTP_SECURE: "1",
      MAIL_FROM: "Pintu Konseling <konseling@unit.go.id>",
    });
    expect(config.email.imap).toEqual({ host: "imap.unit.go.id", port: 993, secure: true, user: "konseling", password: "rahasia", mailbox: "INBOX" });
    expect(config.email.smtp).toEqual({ host: "smtp.unit.go.id", port: 587, secure: true, user: undefined, password: undefined });
  });

  it("names a channel's bad variable and the core's in one error, with the checks between a channel's variables", () => {
    const problems = problemsOf({ WHATSAPP_ENABLED: "perhaps", IMAP_HOST: "imap.unit.go.id", MAIL_FROM: "not an address", RETENTION_DAYS: "0" });
    expect(problems.map((p) => p.variable).sort()).toEqual(["WHATSAPP_ENABLED", "RETENTION_DAYS"].sort());
    const checked = problemsOf({ IMAP_HOST: "imap.unit.go.id", MAIL_FROM: "not an address" });
    expect(checked).toEqual(
      expect.arrayContaining([
        { variable: "IMAP_USER", message: "required when IMAP_HOST is set (the email channel reads and answers mail)" },
        { variable: "MAIL_FROM", message: 'expected "name@domain" or "Name <name@domain>"' },
      ]),
    );
    expect(problemsOf({ TELEGRAM_WEBHOOK_URL: "https://bot.example.org/tg", TELEGRAM_WEBHOOK_SECRET: "0123456789abcdef" })).toEqual([
      { variable: "TELEGRAM_BOT_TOKEN", message: "required when TELEGRAM_WEBHOOK_URL is set" },
    ]);
  });

  it("takes ADMIN_CONTACTS on the channels that say how an address is written", () => {
    const config = loadConfig({ ADMIN_CONTACTS: "telegram:-1001, whatsapp:6281100000001@s.whatsapp.net, email:IT@Unit.go.id" });
    expect(config.adminContacts).toEqual([
      { channel: "telegram", address: "-1001" },
      { channel: "whatsapp", address: "6281100000001@s.whatsapp.net" },
      { channel: "email", address: "it@unit.go.id" },
    ]);
    const items = ["local:demo", "telegram:@admin", "email:it", "fax:0812", "telegram:"];
    const problems = problemsOf({ ADMIN_CONTACTS: items.join(", ") });
    expect(problems.map((p) => p.variable)).toEqual(items.map(() => "ADMIN_CONTACTS"));
    // Each names the item and how every channel that takes admin contacts writes an address (a new channel adds its own).
    for (const [i, p] of problems.entries()) {
      expect(p.message).toMatch(
        new RegExp(`^"${items[i]}" is not channel:address \\(telegram:<chat id>, whatsapp:<number>@s\\.whatsapp\\.net, email:<address>[,)]`),
      );
    }
  });
});
