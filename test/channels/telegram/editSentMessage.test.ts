// Editing a sent task on Telegram (src/channels/telegram/editSentMessage.ts) against the fake Bot API, which refuses a
// text edit of a captioned file as Telegram does. The edits are the ones the store queues: when a step is done every copy
// of its task becomes its text plus a line saying who handled it, without buttons (closeStepTasks); a chosen option
// loses only its keyboard (takeKeyboardOff); a retired task becomes one line (retireStepTasks).
import { Telegraf } from "telegraf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTelegramSender } from "../../../src/channels/telegram/telegramSender.ts";
import type { FileStore, StoredFile } from "../../../src/notify/fileStore.ts";
import { outboundMessageSchema, type OutboundMessage } from "../../../src/notify/outboundMessage.ts";
import { startFakeBotApi, type FakeBotApi } from "../../fakes/telegramBotApi.ts";
import { buttonsOf } from "../../support/telegramService.ts";

const files = new Map<string, StoredFile>([["file:sop", { bytes: Buffer.from("%PDF-1.4 SOP"), name: "sop.pdf", mimeType: "application/pdf" }]]);
const fileStore: FileStore = {
  save: async () => "file:x",
  load: async (ref) => files.get(ref) ?? Promise.reject(new Error("missing")),
};
const DONE = "✓ Diproses oleh Budi Santoso: Selesai (30/11 08.00)";
const buttons = [
  { label: "Selesai", id: "task-done", action: { kind: "choice" as const, value: "done" } },
  { label: "Revisi", id: "task-revise", action: { kind: "choice" as const, value: "revise" } },
];

describe("editing a sent task on Telegram", () => {
  let fake: FakeBotApi;
  let sender: ReturnType<typeof createTelegramSender>;
  let chat = 9100;
  beforeAll(async () => {
    fake = await startFakeBotApi({ token: "123456789:AAH-fake-token-for-tests_0123456789" });
    sender = createTelegramSender(new Telegraf(fake.token, { telegram: { apiRoot: fake.url } }).telegram, { fileStore });
  });
  afterAll(async () => fake?.close());

  const msg = (m: OutboundMessage) => outboundMessageSchema.parse(m);
  /** A chat of its own per test, so message ids and counts do not mix. */
  const newChat = () => {
    chat++;
    fake.userSends({ id: chat, first_name: "Staf" }, "/start");
    return chat;
  };
  /** The task as the store sends it, then the edit it queues when the step is done. */
  const sendTask = (to: number, task: OutboundMessage) => sender.send(String(to), msg(task));
  const markDone = (to: number, task: OutboundMessage, platformId: string) =>
    sender.send(String(to), msg({ ...task, text: `${task.text}\n\n${DONE}`, buttons: [], replaces: platformId }));

  it("a captioned task loses its buttons when done", async () => {
    const to = newChat();
    const task: OutboundMessage = {
      text: "Kasus #7 — Langkah 2: Periksa dokumen SOP terlampir.",
      buttons,
      attachments: [{ kind: "document", ref: "file:sop", name: "sop.pdf" }],
    };
    const sent = await sendTask(to, task);
    const [doc] = fake.sentTo(to);
    expect(doc).toMatchObject({ caption: task.text, document: { file_name: "sop.pdf" } });
    expect(String(doc!.message_id)).toBe(sent.platformId);
    expect(buttonsOf(doc!)).toHaveLength(2);

    await markDone(to, task, sent.platformId);
    const [after] = fake.sentTo(to);
    expect(after!.caption).toBe(`${task.text}\n\n${DONE}`);
    expect(buttonsOf(after!)).toEqual([]);
    expect(fake.sentTo(to)).toHaveLength(1);
    // Telegram was never asked for a text edit of the file (it answers "there is no text in the message to edit").
    expect(fake.callsOf("editMessageText").filter((c) => c.params.chat_id === to)).toEqual([]);
  });

  it("a long task: the last part carries the buttons and, done, keeps its own text with the line added; no part is overwritten", async () => {
    const to = newChat();
    const text = Array.from({ length: 3 }, (_, part) =>
      Array.from({ length: 40 }, (_, i) => `Bagian ${part + 1}, baris ${i}: riwayat keluhan klien yang panjang sekali untuk diperiksa.`).join("\n"),
    ).join("\n\n");
    expect(text.length).toBeGreaterThan(2 * 4096);
    const task: OutboundMessage = { text, buttons };
    const sent = await sendTask(to, task);
    const parts = fake.sentTo(to);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts.map((p) => buttonsOf(p).length)).toEqual([...parts.slice(1).map(() => 0), 2]);
    expect(String(parts.at(-1)!.message_id)).toBe(sent.platformId);
    const before = parts.map((p) => p.text);

    await markDone(to, task, sent.platformId);
    const after = fake.sentTo(to);
    expect(after).toHaveLength(parts.length);
    expect(after.slice(0, -1).map((p) => p.text)).toEqual(before.slice(0, -1));
    expect(after.at(-1)!.text).toBe(`${before.at(-1)}\n\n${DONE}`);
    expect(after.every((p) => buttonsOf(p).length === 0)).toBe(true);
  });

  it("a long task that is retired: its last part says so, the others stay as they were", async () => {
    const to = newChat();
    const text = Array.from({ length: 90 }, (_, i) => `Baris ${i}: uraian tugas yang panjang untuk staf unit.`).join("\n");
    const sent = await sendTask(to, { text, buttons });
    const before = fake.sentTo(to).map((p) => p.text);
    expect(before.length).toBeGreaterThan(1);
    await sender.send(String(to), msg({ text: "Tugas kasus #7 tidak berlaku lagi.", replaces: sent.platformId }));
    const after = fake.sentTo(to);
    expect(after.slice(0, -1).map((p) => p.text)).toEqual(before.slice(0, -1));
    expect(after.at(-1)).toMatchObject({ text: "Tugas kasus #7 tidak berlaku lagi." });
    expect(buttonsOf(after.at(-1)!)).toEqual([]);
  });

  it("a task of text and files: the buttons are on the text, and done, the text says so", async () => {
    const to = newChat();
    const task: OutboundMessage = {
      text: "Kasus #8 — Langkah 3: Periksa kedua dokumen.",
      buttons,
      attachments: [
        { kind: "document", ref: "file:sop", name: "sop-1.pdf" },
        { kind: "document", ref: "file:sop", name: "sop-2.pdf" },
      ],
    };
    const sent = await sendTask(to, task);
    const [textPart, ...docs] = fake.sentTo(to);
    expect(String(textPart!.message_id)).toBe(sent.platformId);
    expect(buttonsOf(textPart!)).toHaveLength(2);
    expect(docs.map((d) => d.document?.file_name)).toEqual(["sop-1.pdf", "sop-2.pdf"]);
    await markDone(to, task, sent.platformId);
    const after = fake.sentTo(to);
    expect(after[0]).toMatchObject({ text: `${task.text}\n\n${DONE}` });
    expect(after.every((p) => buttonsOf(p).length === 0)).toBe(true);
  });

  it("a caption with no room for the line: the buttons go, the caption stays, and the line follows as a reply", async () => {
    const to = newChat();
    const task: OutboundMessage = { text: "Periksa dokumen. ".repeat(60).trim(), buttons, attachments: [{ kind: "document", ref: "file:sop" }] };
    expect(task.text.length).toBeLessThanOrEqual(1024);
    expect(`${task.text}\n\n${DONE}`.length).toBeGreaterThan(1024);
    const sent = await sendTask(to, task);
    await markDone(to, task, sent.platformId);
    const [doc, line] = fake.sentTo(to);
    expect(doc!.caption).toBe(task.text);
    expect(buttonsOf(doc!)).toEqual([]);
    expect(line).toMatchObject({ text: DONE, reply_to_message_id: doc!.message_id });
  });

  it("only the keyboard of a chosen option goes, whatever the message holds; the same edit twice is done", async () => {
    const to = newChat();
    const task: OutboundMessage = { text: "Pilih jadwal", buttons, attachments: [{ kind: "photo", ref: "file:sop" }] };
    const sent = await sendTask(to, task);
    const off = msg({ ...task, buttons: [], replaces: sent.platformId, keyboardOnly: true });
    await sender.send(String(to), off);
    await expect(sender.send(String(to), off)).resolves.toEqual({ platformId: sent.platformId });
    expect(fake.sentTo(to)).toMatchObject([{ caption: "Pilih jadwal" }]);
    expect(buttonsOf(fake.sentTo(to)[0]!)).toEqual([]);
  });

  it("an edit tried again after the keyboard went: a short text is put in place as a text or a caption", async () => {
    const to = newChat();
    const task: OutboundMessage = { text: "Tugas singkat", buttons, attachments: [{ kind: "document", ref: "file:sop" }] };
    const sent = await sendTask(to, task);
    await sender.send(String(to), msg({ ...task, buttons: [], replaces: sent.platformId, keyboardOnly: true }));
    await markDone(to, task, sent.platformId);
    expect(fake.sentTo(to)[0]!.caption).toBe(`${task.text}\n\n${DONE}`);
    await expect(markDone(to, task, sent.platformId)).resolves.toEqual({ platformId: sent.platformId });
  });

  it("a message deleted in the chat is edited as done", async () => {
    const to = newChat();
    const sent = await sendTask(to, { text: "Tugas", buttons });
    await new Telegraf(fake.token, { telegram: { apiRoot: fake.url } }).telegram.deleteMessage(to, Number(sent.platformId));
    await expect(markDone(to, { text: "Tugas", buttons }, sent.platformId)).resolves.toEqual({ platformId: sent.platformId });
  });
});
