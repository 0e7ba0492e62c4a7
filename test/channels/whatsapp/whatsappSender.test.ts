// The WhatsApp sender on the fake: what reaches sendMessage, when (virtual clock), and how failures are
// reported to the outbox.
import { Boom } from "@hapi/boom";
import { DisconnectReason } from "@whiskeysockets/baileys";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { InMemoryMenuStore } from "../../../src/channels/whatsapp/choiceMenu.ts";
import { createWhatsAppSender } from "../../../src/channels/whatsapp/whatsappSender.ts";
import { DeliveryError } from "../../../src/notify/channelSender.ts";
import { outboundMessageSchema, textMessage, type OutboundMessage } from "../../../src/notify/outboundMessage.ts";
import { CLIENT, CLIENT_2, connectFakeSocket, startHarness } from "./support/channelHarness.ts";
import { MemoryFileStore } from "./support/memoryFileStore.ts";

type Harness = Awaited<ReturnType<typeof startHarness>>;
let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const msg = (m: OutboundMessage) => outboundMessageSchema.parse(m);
const consent = () =>
  msg({
    text: "Apakah Anda menyetujui ketentuan layanan?",
    buttons: [
      { id: "btn_yes", label: "Setuju", action: { kind: "choice", value: "yes" } },
      { id: "btn_no", label: "Tidak setuju", action: { kind: "choice", value: "no" } },
    ],
  });

async function send(harness: Harness, address: string, message: OutboundMessage) {
  return harness.clock.runUntil(harness.channel.sender.send(address, msg(message)));
}

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe("sending", () => {
  it("sends plain text after a short 'typing…' and reports the platform id", async () => {
    h = await startHarness();
    const start = h.clock.now();
    const sent = await send(h, CLIENT, textMessage("Terima kasih, pesan Anda sudah kami terima."));
    expect(h.fake.sent).toHaveLength(1);
    const [record] = h.fake.sent;
    expect(record).toMatchObject({ jid: CLIENT, content: { text: "Terima kasih, pesan Anda sudah kami terima.", linkPreview: null } });
    expect(sent.platformId).toBe(record!.id);
    expect(record!.at).toBe(start + 1200);
    expect(h.fake.presence.map((p) => [p.type, p.jid, p.at])).toEqual([
      ["composing", CLIENT, start],
      ["paused", CLIENT, start + 1200],
    ]);
  });

  it("renders buttons as a numbered list with the hint, and resolves '1' / a label / '(2)' to the button ids", async () => {
    h = await startHarness();
    const sent = await send(h, CLIENT, consent());
    expect(h.fake.textsSentTo(CLIENT)).toEqual([
      "Apakah Anda menyetujui ketentuan layanan?\n\n1. Setuju\n2. Tidak setuju\n\nBalas dengan angka atau kata pilihan Anda.",
    ]);
    expect(sent.platformId).toBe(h.fake.sent[0]!.id);

    h.fake.userSends(CLIENT, "1");
    h.fake.userSends(CLIENT, "Tidak Setuju");
    h.fake.userSends(CLIENT, " (2) ");
    h.fake.userSends(CLIENT, "setuju.");
    h.fake.userSends(CLIENT, "mungkin");
    const answers = await h.inbound(5);
    expect(answers.map((a) => a.buttonId)).toEqual(["btn_yes", "btn_no", "btn_no", "btn_yes", undefined]);
    expect(answers[0]!.text).toBe(""); // the answer is the press itself, not text added to it
  });

  it("resolves a quoted answer against the quoted (older) menu, an unquoted one against the latest", async () => {
    h = await startHarness();
    const first = await send(h, CLIENT, consent());
    await send(h, CLIENT, {
      text: "Anda praja atau pegawai?",
      buttons: [
        { id: "btn_praja", label: "Praja", action: { kind: "choice", value: "praja" } },
        { id: "btn_pegawai", label: "Pegawai", action: { kind: "choice", value: "pegawai" } },
      ],
    });
    h.fake.userQuotes(CLIENT, first.platformId, "2");
    h.fake.userSends(CLIENT, "2");
    const [quoted, plain] = await h.inbound(2);
    expect(quoted).toMatchObject({ buttonId: "btn_no", replyToPlatformId: first.platformId });
    expect(plain!.buttonId).toBe("btn_pegawai");
  });

  it("does not read a number as an old menu's answer once a plain message followed", async () => {
    h = await startHarness();
    await send(h, CLIENT, consent());
    await send(h, CLIENT, textMessage("Semester berapa Anda sekarang?"));
    h.fake.userSends(CLIENT, "2");
    const [answer] = await h.inbound(1);
    expect(answer!.buttonId).toBeUndefined();
  });

  it("splits a long text at paragraphs, keeps every word, and puts the menu on the last part", async () => {
    h = await startHarness();
    const paragraph = (n: number) => `Paragraf ${n}: ${"kata ".repeat(180).trim()}.`;
    const text = Array.from({ length: 9 }, (_, i) => paragraph(i + 1)).join("\n\n");
    const sent = await send(h, CLIENT, { ...consent(), text });
    const parts = h.fake.textsSentTo(CLIENT);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(4000);
    expect(parts.join("\n\n").replace(/\s+/g, " ")).toContain(text.replace(/\s+/g, " "));
    expect(parts.at(-1)).toMatch(/1\. Setuju\n2\. Tidak setuju\n\nBalas dengan angka/);
    expect(sent.platformId).toBe(h.fake.sent.at(-1)!.id);
    for (const part of parts.slice(0, -1)) expect(part).toMatch(/^Paragraf \d+:/);
  });

  it("writes links out as text and quotes the message it replies to", async () => {
    h = await startHarness();
    h.fake.userSends(CLIENT, "Kapan jadwalnya?");
    const [question] = await h.inbound(1);
    await send(h, CLIENT, {
      text: "Jadwal sesi Anda:",
      links: [{ label: "Google Meet", url: "https://meet.google.com/abc-defg-hij" }],
      replyTo: question!.platformId,
    });
    const [record] = h.fake.sent;
    expect(record!.content).toMatchObject({ text: "Jadwal sesi Anda:\n\nGoogle Meet: https://meet.google.com/abc-defg-hij" });
    expect(record!.options?.quoted?.key).toMatchObject({ id: question!.platformId, remoteJid: CLIENT });
    expect(record!.options?.quoted?.message?.conversation).toBe("Kapan jadwalnya?");
  });

  it("sends documents and photos from the FileStore bytes, choices after them", async () => {
    h = await startHarness();
    const pdf = await h.fileStore.save({ bytes: Buffer.from("%PDF-1.7"), name: "jadwal.pdf", mimeType: "application/pdf" });
    const photo = await h.fileStore.save({ bytes: Buffer.from("jpeg"), mimeType: "image/jpeg" });
    const sent = await send(h, CLIENT, {
      ...consent(),
      text: "Mohon periksa dokumen berikut.",
      attachments: [
        { kind: "document", ref: pdf },
        { kind: "photo", ref: photo },
      ],
    });
    expect(h.fake.textsSentTo(CLIENT)).toEqual([
      "Mohon periksa dokumen berikut.",
      "[document]",
      "[image]",
      "1. Setuju\n2. Tidak setuju\n\nBalas dengan angka atau kata pilihan Anda.",
    ]);
    expect(h.fake.sent[1]!.content).toEqual({ document: Buffer.from("%PDF-1.7"), mimetype: "application/pdf", fileName: "jadwal.pdf" });
    expect(h.fake.sent[2]!.content).toEqual({ image: Buffer.from("jpeg"), mimetype: "image/jpeg" });
    expect(sent.platformId).toBe(h.fake.sent[3]!.id);
  });

  it("accepts a phone number in any notation as address", async () => {
    h = await startHarness();
    await send(h, "0812-0000-0001", textMessage("Halo"));
    expect(h.fake.sent[0]!.jid).toBe(CLIENT);
  });
});

describe("the write guard", () => {
  it("refuses to write to anyone mayWriteTo does not allow, and sends nothing", async () => {
    const asked: string[] = [];
    h = await startHarness({
      mayWriteTo: (jid) => {
        asked.push(jid);
        return jid === CLIENT;
      },
    });
    const error = await failure(send(h, CLIENT_2, textMessage("Promo!")));
    expect(error.kind).toBe("rejected");
    expect(error.message).toMatch(/has not written to us first/);
    await send(h, CLIENT, textMessage("Halo"));
    expect(asked).toEqual([CLIENT_2, CLIENT]);
    expect(h.fake.sent.map((s) => s.jid)).toEqual([CLIENT]);
  });

  it("refuses groups and malformed addresses", async () => {
    h = await startHarness();
    expect((await failure(send(h, "120363012345678901@g.us", textMessage("x")))).kind).toBe("rejected");
    expect((await failure(send(h, "021-555-1234", textMessage("x")))).message).toMatch(/landline/);
    expect(h.fake.sent).toHaveLength(0);
  });
});

describe("failures by cause", () => {
  it("a closed connection is transient", async () => {
    h = await startHarness();
    h.fake.failNextSend(new Boom("Connection Closed", { statusCode: DisconnectReason.connectionClosed }));
    expect((await failure(send(h, CLIENT, textMessage("x")))).kind).toBe("transient");
    h.fake.close(DisconnectReason.connectionLost);
    expect((await failure(send(h, CLIENT, textMessage("x")))).kind).toBe("transient");
  });

  it("a number without WhatsApp is blocked", async () => {
    h = await startHarness();
    h.fake.withoutWhatsApp(CLIENT_2);
    expect((await failure(send(h, CLIENT_2, textMessage("x")))).kind).toBe("blocked");
  });

  it("a timeout is transient, 429 is rate_limited, 403 is rejected", async () => {
    h = await startHarness();
    h.fake.failNextSend(new Boom("Timed Out", { statusCode: DisconnectReason.timedOut }));
    expect((await failure(send(h, CLIENT, textMessage("x")))).kind).toBe("transient");
    h.fake.failNextSend(new Boom("rate-overlimit", { statusCode: 429 }));
    const limited = await failure(send(h, CLIENT, textMessage("x")));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.details.retryAfterMs).toBeGreaterThan(0);
    h.fake.failNextSend(new Boom("forbidden", { statusCode: 403 }));
    expect((await failure(send(h, CLIENT, textMessage("x")))).kind).toBe("rejected");
  });

  it("files the FileStore cannot load and buttons without ids are rejected before anything is sent", async () => {
    h = await startHarness();
    const telegramRef = await failure(send(h, CLIENT, { text: "x", attachments: [{ kind: "photo", ref: "telegram:AgAD" }] }));
    expect(telegramRef.kind).toBe("rejected");
    expect(telegramRef.message).toMatch(/cannot be loaded/);
    const erased = await failure(send(h, CLIENT, { text: "x", attachments: [{ kind: "document", ref: "file:gone" }] }));
    expect(erased.kind).toBe("rejected");
    const noId = await failure(send(h, CLIENT, { text: "x", buttons: [{ label: "Ya", action: { kind: "choice", value: "y" } }] }));
    expect(noId.message).toMatch(/no id/);
    expect(h.fake.sent).toHaveLength(0);
  });

  it("a retry after a part failed sends only the parts that did not go out", async () => {
    h = await startHarness();
    const paragraphs = ["a", "b", "c"].map((w) => `${w} `.repeat(1500).trim());
    const message = { text: paragraphs.join("\n\n") };
    h.fake.failNextSend(new Boom("Connection Closed", { statusCode: DisconnectReason.connectionClosed }), { after: 1 });
    expect((await failure(send(h, CLIENT, message))).kind).toBe("transient");
    expect(h.fake.textsSentTo(CLIENT)).toEqual([paragraphs[0]]);
    await send(h, CLIENT, message);
    expect(h.fake.textsSentTo(CLIENT)).toEqual(paragraphs);
    // Once complete, the same message again is a new message, sent in full.
    await send(h, CLIENT, message);
    expect(h.fake.textsSentTo(CLIENT)).toHaveLength(6);
  });
});

describe("rate limits", () => {
  it("spaces messages ≥ 3 s per chat and ≥ 1 s overall, in order per chat", async () => {
    h = await startHarness();
    const sends = [
      h.channel.sender.send(CLIENT, msg(textMessage("A1"))),
      h.channel.sender.send(CLIENT, msg(textMessage("A2"))),
      h.channel.sender.send(CLIENT_2, msg(textMessage("B1"))),
      h.channel.sender.send(CLIENT, msg(textMessage("A3"))),
      h.channel.sender.send(CLIENT_2, msg(textMessage("B2"))),
    ];
    await h.clock.runUntil(Promise.all(sends));
    expect(h.fake.textsSentTo(CLIENT)).toEqual(["A1", "A2", "A3"]);
    expect(h.fake.textsSentTo(CLIENT_2)).toEqual(["B1", "B2"]);
    const times = h.fake.sent.map((s) => s.at);
    for (const [a, b] of pairs(times)) expect(b - a).toBeGreaterThanOrEqual(1000);
    for (const jid of [CLIENT, CLIENT_2]) {
      for (const [a, b] of pairs(h.fake.sentTo(jid).map((s) => s.at))) expect(b - a).toBeGreaterThanOrEqual(3000);
    }
    // composing shows before each message, at most typingMs before it
    for (const sent of h.fake.sent) {
      const composing = h.fake.presence.filter((p) => p.type === "composing" && p.jid === sent.jid && p.at <= sent.at);
      expect(sent.at - composing.at(-1)!.at).toBe(1200);
    }
  });

  it("keeps any window within the per-minute budget and fails fast when the wait would be too long", async () => {
    h = await startHarness({
      limits: { globalMaxPerWindow: 5, globalWindowMs: 60_000, globalMinIntervalMs: 0, perChatIntervalMs: 0, typingMs: 0, maxQueueWaitMs: 10 * 60_000 },
    });
    const start = h.clock.now();
    const chats = Array.from({ length: 12 }, (_, i) => `62812000001${String(i).padStart(2, "0")}@s.whatsapp.net`);
    await h.clock.runUntil(Promise.all(chats.map((jid) => h!.channel.sender.send(jid, msg(textMessage("x"))))));
    const times = h.fake.sent.map((s) => s.at - start);
    expect(times).toEqual([0, 0, 0, 0, 0, 60_000, 60_000, 60_000, 60_000, 60_000, 120_000, 120_000]);
  });

  it("answers rate_limited with retryAfterMs instead of waiting past maxQueueWaitMs", async () => {
    h = await startHarness({ limits: { perChatIntervalMs: 60_000, maxQueueWaitMs: 5_000 } });
    await send(h, CLIENT, textMessage("pertama"));
    const error = await failure(send(h, CLIENT, textMessage("kedua")));
    expect(error.kind).toBe("rate_limited");
    expect(error.details.retryAfterMs).toBeGreaterThan(50_000);
    expect(h.fake.sent).toHaveLength(1);
  });
});

describe("rate limit property", () => {
  let base: Awaited<ReturnType<typeof connectFakeSocket>>;
  beforeAll(async () => {
    base = await connectFakeSocket();
    base.fake.open();
  });
  afterAll(async () => base.cleanup());

  it("any burst to any chats respects per-chat, minimum-gap and window limits", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 25 }),
        fc.record({
          perChatIntervalMs: fc.integer({ min: 0, max: 5_000 }),
          globalMinIntervalMs: fc.integer({ min: 0, max: 2_000 }),
          globalMaxPerWindow: fc.integer({ min: 1, max: 8 }),
          globalWindowMs: fc.integer({ min: 1_000, max: 60_000 }),
          typingMs: fc.integer({ min: 0, max: 2_000 }),
        }),
        async (chatIndexes, limits) => {
          const { fake, clock, socket, logger } = base;
          const before = fake.sent.length;
          const sender = createWhatsAppSender({
            socket,
            fileStore: new MemoryFileStore(),
            menuStore: new InMemoryMenuStore(),
            mayWriteTo: () => true,
            logger,
            clock,
            limits: { ...limits, maxQueueWaitMs: Number.MAX_SAFE_INTEGER },
          });
          const jids = chatIndexes.map((i) => `6281999000${i}0@s.whatsapp.net`);
          await clock.runUntil(Promise.all(jids.map((jid, n) => sender.send(jid, msg(textMessage(`m${n}`))))));
          const sent = fake.sent.slice(before);
          expect(sent).toHaveLength(jids.length);
          for (const [a, b] of pairs(sent.map((s) => s.at))) expect(b - a).toBeGreaterThanOrEqual(limits.globalMinIntervalMs);
          for (const jid of new Set(jids)) {
            const own = sent.filter((s) => s.jid === jid);
            expect(own.map((s) => (s.content as { text: string }).text)).toEqual(jids.flatMap((j, n) => (j === jid ? [`m${n}`] : [])));
            for (const [a, b] of pairs(own.map((s) => s.at))) expect(b - a).toBeGreaterThanOrEqual(limits.perChatIntervalMs);
          }
          for (const s of sent) {
            const inWindow = sent.filter((o) => o.at > s.at - limits.globalWindowMs && o.at <= s.at);
            expect(inWindow.length).toBeLessThanOrEqual(limits.globalMaxPerWindow);
          }
          // Next run starts after everything here is out of every window.
          await clock.advance(120_000);
        },
      ),
      { numRuns: 60 },
    );
  });
});

function pairs<T>(items: T[]): Array<[T, T]> {
  return items.slice(1).map((item, i) => [items[i]!, item]);
}
