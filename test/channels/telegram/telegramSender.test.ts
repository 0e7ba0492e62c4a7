// The Telegram sender against the fake Bot API (real telegraf client over HTTP): long texts split at
// 4,096 characters with the buttons on the last part, typed text escaped, edits, uploads from the FileStore,
// and platform errors mapped by cause.
import { Telegraf } from "telegraf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramSender } from "../../../src/channels/telegram/telegramSender.ts";
import { telegramUpdateToInbound } from "../../../src/channels/telegram/telegramToInbound.ts";
import { DeliveryError } from "../../../src/notify/channelSender.ts";
import type { FileStore, StoredFile } from "../../../src/notify/fileStore.ts";
import { outboundMessageSchema } from "../../../src/notify/outboundMessage.ts";
import { fakeErrors, startFakeBotApi, type FakeBotApi } from "../../fakes/telegramBotApi.ts";

const files = new Map<string, StoredFile>([
  ["file:abc", { bytes: Buffer.from("%PDF-1.4 isi"), name: "laporan.pdf", mimeType: "application/pdf" }],
  // sendPhoto takes at most 10 MB (core.telegram.org/bots/api#sendphoto).
  ["file:big-photo", { bytes: Buffer.alloc(10 * 1024 * 1024 + 1), name: "foto-kejadian.jpg", mimeType: "image/jpeg" }],
  ["file:photo", { bytes: Buffer.from("jpeg"), name: "foto.jpg", mimeType: "image/jpeg" }],
]);
const fileStore: FileStore = {
  save: async () => "file:x",
  load: async (ref) => {
    const f = files.get(ref);
    if (!f) throw new Error("missing");
    return f;
  },
};

describe("Telegram sender and converter", () => {
  let fake: FakeBotApi;
  let sender: ReturnType<typeof createTelegramSender>;
  const chat = 9001;
  beforeAll(async () => {
    fake = await startFakeBotApi({ token: "123456789:AAH-fake-token-for-tests_0123456789" });
    sender = createTelegramSender(new Telegraf(fake.token, { telegram: { apiRoot: fake.url } }).telegram, { fileStore });
    fake.userSends({ id: chat, first_name: "X" }, "hi");
  });
  afterAll(async () => fake?.close());
  const msg = (m: object) => outboundMessageSchema.parse(m);

  it("splits a text over 4,096 characters at line ends, with the buttons only on the last part", async () => {
    const line = "Keluhan panjang & <rinci> ".repeat(20);
    const text = Array.from({ length: 30 }, (_, i) => `${i}: ${line}`).join("\n");
    expect(text.length).toBeGreaterThan(4096 * 3);
    const before = fake.sentTo(chat).length;
    const sent = await sender.send(String(chat), msg({ text, buttons: [{ label: "Selesai", id: "btn1", action: { kind: "choice", value: "x" } }] }));
    const parts = fake.sentTo(chat).slice(before);
    expect(parts.length).toBeGreaterThanOrEqual(Math.ceil(text.length / 4096));
    expect(parts.length).toBeLessThanOrEqual(Math.ceil(text.length / 4096) + 1);
    expect(parts.every((p) => (p.text ?? "").length <= 4096)).toBe(true);
    // Split at line ends: every part starts with a line number, and nothing is lost but the spaces at the cuts.
    expect(parts.every((p) => /^\d+: /.test(p.text ?? ""))).toBe(true);
    const squash = (s: string) => s.replace(/\s+/g, " ").trim();
    expect(squash(parts.map((p) => p.text).join("\n"))).toBe(squash(text));
    expect(parts.slice(0, -1).every((p) => !p.reply_markup)).toBe(true);
    expect(String(parts.at(-1)!.message_id)).toBe(sent.platformId);
    expect(parts.at(-1)!.reply_markup).toEqual({ inline_keyboard: [[{ text: "Selesai", callback_data: "btn1" }]] });
    expect(parts[0]!.rawText).toContain("&amp; &lt;rinci&gt;");
  });

  it("edits a message in place, and treats 'message is not modified' as done", async () => {
    const sent = await sender.send(String(chat), msg({ text: "Tugas", buttons: [{ label: "Setujui", id: "b2", action: { kind: "choice", value: "y" } }] }));
    await sender.send(String(chat), msg({ text: "Tugas\n\n✓ Sudah diproses", replaces: sent.platformId }));
    const edited = fake.sentTo(chat).find((m) => String(m.message_id) === sent.platformId)!;
    expect(edited.text).toBe("Tugas\n\n✓ Sudah diproses");
    expect(edited.reply_markup).toEqual({ inline_keyboard: [] });
    await expect(sender.send(String(chat), msg({ text: "Tugas\n\n✓ Sudah diproses", replaces: sent.platformId }))).resolves.toEqual({
      platformId: sent.platformId,
    });
  });

  it("uploads FileStore attachments and re-sends Telegram files by id", async () => {
    await sender.send(String(chat), msg({ text: "Laporan terlampir", attachments: [{ kind: "document", ref: "file:abc", name: "laporan.pdf" }] }));
    const call = fake.callsOf("sendDocument").at(-1)!;
    expect(call.files.document?.fileName).toBe("laporan.pdf");
    expect(call.files.document?.bytes.toString()).toBe("%PDF-1.4 isi");
    const fileId = fake.sentTo(chat).at(-1)!.document!.file_id;
    await sender.send(String(chat), msg({ text: "", attachments: [{ kind: "document", ref: `telegram:${fileId}` }] }));
    expect(fake.callsOf("sendDocument").at(-1)!.params.document).toBe(fileId);
  });

  it("sends a photo over 10 MB as a document, and a smaller one as a photo", async () => {
    const before = fake.sentTo(chat).length;
    await sender.send(String(chat), msg({ text: "Foto dari klien", attachments: [{ kind: "photo", ref: "file:big-photo", name: "foto-kejadian.jpg" }] }));
    await sender.send(String(chat), msg({ text: "", attachments: [{ kind: "photo", ref: "file:photo" }] }));
    const [big, small] = fake.sentTo(chat).slice(before);
    expect(big).toMatchObject({ caption: "Foto dari klien", document: { file_name: "foto-kejadian.jpg" } });
    expect(small!.photo).toBeDefined();
    expect(fake.callsOf("sendPhoto").filter((c) => c.failed)).toEqual([]);
  });

  it("maps platform errors by cause", async () => {
    fake.failNext("sendMessage", fakeErrors.tooManyRequests(7));
    await expect(sender.send(String(chat), msg({ text: "a" }))).rejects.toMatchObject({ kind: "rate_limited", details: { retryAfterMs: 7000 } });
    fake.failNext("sendMessage", fakeErrors.blockedByUser());
    await expect(sender.send(String(chat), msg({ text: "a" }))).rejects.toMatchObject({ kind: "blocked" });
    fake.failNext("sendMessage", fakeErrors.badGateway());
    await expect(sender.send(String(chat), msg({ text: "a" }))).rejects.toMatchObject({ kind: "transient" });
    const dead = createTelegramSender(new Telegraf(fake.token, { telegram: { apiRoot: "http://127.0.0.1:1" } }).telegram, { fileStore });
    const error = await dead.send(String(chat), msg({ text: "a" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect((error as DeliveryError).kind).toBe("transient");
  });

  it("converts commands, replies, buttons and media; ignores groups and service messages", () => {
    const base = {
      message_id: 5,
      date: 0,
      from: { id: 1, is_bot: false, first_name: "A", language_code: "id" },
      chat: { id: 1, type: "private" as const, first_name: "A" },
    };
    const cmd = telegramUpdateToInbound({ update_id: 1, message: { ...base, text: "/balas@pintu_bot 12 halo\nbaris dua" } } as never)!;
    expect(cmd.command).toEqual({ name: "balas", args: "12 halo\nbaris dua" });
    expect(cmd.platformId).toBe("m1.5");
    const replyTo = telegramUpdateToInbound({
      update_id: 2,
      message: { ...base, text: "ok", reply_to_message: { ...base, message_id: 3, text: "x" } },
    } as never)!;
    expect(replyTo.replyToPlatformId).toBe("3");
    const press = telegramUpdateToInbound({
      update_id: 3,
      callback_query: { id: "q", from: base.from, chat_instance: "1", data: "abc", message: { ...base, text: "t" } },
    } as never)!;
    expect(press).toMatchObject({ address: "1", buttonId: "abc", platformId: "qq" });
    const photo = telegramUpdateToInbound({
      update_id: 4,
      message: {
        ...base,
        caption: "foto",
        photo: [
          { file_id: "s", file_unique_id: "s", width: 1, height: 1 },
          { file_id: "L", file_unique_id: "L", width: 9, height: 9 },
        ],
      },
    } as never)!;
    expect(photo.attachments).toEqual([{ kind: "photo", fileRef: "telegram:L", mimeType: "image/jpeg" }]);
    expect(photo.text).toBe("foto");
    expect(telegramUpdateToInbound({ update_id: 5, message: { ...base, chat: { id: -100, type: "group", title: "g" }, text: "hi" } } as never)).toBeNull();
    expect(telegramUpdateToInbound({ update_id: 6, message: { ...base, sticker: { file_id: "x" } } } as never)).toBeNull();
    expect(telegramUpdateToInbound({ update_id: 7, edited_message: { ...base, text: "x" } } as never)).toBeNull();
  });
});
