// Raw mail → InboundMessage: realistic fixtures, machine mail recognised, and mail that must not break
// the parser (malformed MIME, a 20 MB attachment, an empty body, an emoji-only subject).
import { randomBytes } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import { describe, expect, it } from "vitest";
import { classifyMail } from "../../../src/channels/email/classifyMail.ts";
import { emailToInbound, fallbackMessageId, type EmailToInboundResult } from "../../../src/channels/email/emailToInbound.ts";
import { describeMailNotices } from "../../../src/channels/email/mailNotices.ts";
import { readMail } from "../../../src/channels/email/readMail.ts";
import { fixture, memoryFileStore } from "./emailTestKit.ts";

const OWN = ["bot@test.local"];
const LIMITS = { maxAttachmentBytes: 10 * 1024 * 1024, maxAttachments: 10, maxTextChars: 20_000 };

function compose(options: Mail.Options): Promise<Buffer> {
  return new MailComposer({ from: "Rina <rina@example.org>", to: "bot@test.local", ...options }).compile().build();
}

function person(result: EmailToInboundResult) {
  if (result.kind !== "person") throw new Error(`expected a person's mail, got ${result.kind}`);
  return result;
}

describe("emailToInbound", () => {
  it("turns a Gmail reply into the new text only, with sender, subject and thread references", async () => {
    const result = person(await emailToInbound(fixture("gmail-reply-id.eml"), { fileStore: memoryFileStore(), ownAddresses: OWN }));
    expect(result.message).toMatchObject({
      channel: "email",
      address: "rina.praja@example.org",
      senderName: "Rina Praja",
      platformId: "<CAF=abc123-reply@mail.example.org>",
      text: "Baik, saya bisa hadir hari Senin pukul 09.00.\n\nSalam,\nRina",
      subject: "Re: [Kasus #12] Jadwal konseling",
      replyToPlatformId: "<3f1c2a9e-0000-4000-8000-000000000001@test.local>",
      // In-Reply-To first, then References newest first, without repeats.
      references: ["<3f1c2a9e-0000-4000-8000-000000000001@test.local>", "<kasus-12@test.local>"],
      attachments: [],
    });
    expect(result.notices).toEqual([]);
  });

  it("saves attachments in the FileStore and references them as file:<id> with name, type and size", async () => {
    const store = memoryFileStore();
    const pdf = Buffer.from("%PDF-1.4 surat rujukan");
    const raw = await compose({
      subject: "Berkas",
      text: "Terlampir.",
      attachments: [
        { filename: "rujukan.pdf", content: pdf, contentType: "application/pdf" },
        { filename: "foto.jpg", content: Buffer.from([0xff, 0xd8, 0xff]), contentType: "image/jpeg" },
      ],
    });
    const result = person(await emailToInbound(raw, { fileStore: store, ownAddresses: OWN }));
    expect(result.message.attachments).toEqual([
      { kind: "document", fileRef: expect.stringMatching(/^file:/), name: "rujukan.pdf", mimeType: "application/pdf", size: pdf.length },
      { kind: "photo", fileRef: expect.stringMatching(/^file:/), name: "foto.jpg", mimeType: "image/jpeg", size: 3 },
    ]);
    expect((await store.load(result.message.attachments[0]!.fileRef)).bytes.equals(pdf)).toBe(true);
  });

  it.each([
    ["auto-reply.eml", "auto_reply"],
    ["bounce-dsn.eml", "bounce"],
    ["list-mail.eml", "bulk"],
  ] as const)("does not treat %s as a person's mail (%s), and saves nothing", async (name, kind) => {
    const store = memoryFileStore();
    const result = await emailToInbound(fixture(name), { fileStore: store, ownAddresses: OWN });
    expect(result.kind).toBe(kind);
    expect(store.files.size).toBe(0);
  });

  it("classifies by each signal, and leaves a person's mail alone", async () => {
    const classify = async (headers: Record<string, string>, from = "Rina <rina@example.org>") =>
      classifyMail(await readMail(await compose({ from, subject: "x", text: "y", headers }), LIMITS), { ownAddresses: OWN });
    expect(await classify({})).toBe("person");
    expect(await classify({ "Auto-Submitted": "no" })).toBe("person");
    expect(await classify({ "Auto-Submitted": "auto-generated" })).toBe("auto_reply");
    expect(await classify({ "X-Autoreply": "yes" })).toBe("auto_reply");
    expect(await classify({ "X-Autorespond": "Out of office" })).toBe("auto_reply");
    expect(await classify({ Precedence: "junk" })).toBe("bulk");
    expect(await classify({ Precedence: "list" })).toBe("bulk");
    expect(await classify({ "List-Unsubscribe": "<mailto:leave@lists.example.org>" })).toBe("bulk");
    expect(await classify({}, "postmaster@example.org")).toBe("bounce");
    expect(await classify({}, "Pintu Konseling <BOT@test.local>")).toBe("auto_reply"); // our own mail coming back: loop protection
  });

  it("reads malformed MIME without throwing and keeps what is readable", async () => {
    const result = person(await emailToInbound(fixture("malformed.eml"), { fileStore: memoryFileStore(), ownAddresses: OWN }));
    expect(result.message.address).toBe("rina@example.org");
    expect(result.message.text).toContain("Hallo, saya mau konsultasi");
    expect(result.message.attachments.map((a) => a.name)).toEqual(["berkas.pdf"]);
  });

  it("survives garbage and an empty input: unreadable, not an exception", async () => {
    for (const raw of [
      Buffer.alloc(0),
      randomBytes(4096),
      Buffer.from("\r\n\r\n\r\n"),
      Buffer.from("Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n--x\r\n"),
    ]) {
      const result = await emailToInbound(raw, { fileStore: memoryFileStore(), ownAddresses: OWN });
      expect(result.kind).toBe("unreadable");
      expect(result.kind === "unreadable" && result.platformId).toMatch(/^<sha256\.[0-9a-f]+@pintu\.invalid>$/);
    }
  });

  it("drops a 20 MB attachment while keeping the small one, and says so", async () => {
    const store = memoryFileStore();
    const big = randomBytes(20 * 1024 * 1024);
    const raw = await compose({
      subject: "Rekaman",
      text: "Rekaman sesi dan catatan terlampir.",
      attachments: [
        { filename: "rekaman.mp4", content: big, contentType: "video/mp4" },
        { filename: "catatan.txt", content: "catatan singkat" },
      ],
    });
    const result = person(await emailToInbound(raw, { fileStore: store, ownAddresses: OWN }));
    expect(result.message.text).toBe("Rekaman sesi dan catatan terlampir.");
    expect(result.message.attachments.map((a) => a.name)).toEqual(["catatan.txt"]);
    expect(result.notices).toEqual(["attachments_too_large"]);
    expect(result.dropped).toEqual([{ name: "rekaman.mp4", mimeType: "video/mp4", size: expect.any(Number), reason: "too_large" }]);
    expect(result.dropped[0]!.size).toBeGreaterThan(LIMITS.maxAttachmentBytes);
    expect([...store.files.values()].map((f) => f.name)).toEqual(["catatan.txt"]); // the big one was never stored
    const [line] = describeMailNotices(result, {
      locale: "id",
      limits: { maxAttachmentBytes: LIMITS.maxAttachmentBytes, maxAttachments: 10, maxMessageBytes: 40 * 1024 * 1024 },
    });
    expect(line).toContain("rekaman.mp4");
    expect(line).toContain("10 MB");
  });

  it("drops attachments past the count limit", async () => {
    const attachments = Array.from({ length: 4 }, (_, i) => ({ filename: `f${i}.txt`, content: `isi ${i}` }));
    const result = person(
      await emailToInbound(await compose({ subject: "banyak", text: "x", attachments }), {
        fileStore: memoryFileStore(),
        ownAddresses: OWN,
        limits: { maxAttachments: 2 },
      }),
    );
    expect(result.message.attachments.map((a) => a.name)).toEqual(["f0.txt", "f1.txt"]);
    expect(result.notices).toEqual(["attachments_too_many"]);
    expect(describeMailNotices(result, { locale: "en", limits: { maxAttachmentBytes: 1, maxAttachments: 2, maxMessageBytes: 1 } })[0]).toContain("2 more");
  });

  it("accepts an empty body and an emoji-only subject", async () => {
    const empty = person(
      await emailToInbound(Buffer.from("From: rina@example.org\r\nSubject: \r\nMessage-ID: <e@x>\r\n\r\n"), {
        fileStore: memoryFileStore(),
        ownAddresses: OWN,
      }),
    );
    expect(empty.message.text).toBe("");
    expect(empty.message.subject).toBeUndefined();

    const emoji = person(await emailToInbound(await compose({ subject: "🙏😢🆘", text: "" }), { fileStore: memoryFileStore(), ownAddresses: OWN }));
    expect(emoji.message.subject).toBe("🙏😢🆘");
    expect(emoji.message.text).toBe("");
  });

  it("reduces HTML-only mail to text and gives mail without Message-ID a stable id", async () => {
    const raw = fixture("html-only-no-message-id.eml");
    const a = person(await emailToInbound(raw, { fileStore: memoryFileStore(), ownAddresses: OWN }));
    const b = person(await emailToInbound(raw, { fileStore: memoryFileStore(), ownAddresses: OWN }));
    expect(a.message.text).toBe("Selamat pagi,\n\nSaya ingin konsultasi tentang & masalah belajar.");
    expect(a.message.platformId).toBe(b.message.platformId);
    const meta = { uid: 42, uidValidity: "1717", mailbox: "INBOX" };
    const c = person(await emailToInbound(raw, { fileStore: memoryFileStore(), ownAddresses: OWN, meta }));
    expect(c.message.platformId).toBe(fallbackMessageId(raw, meta));
    expect(c.message.platformId).toBe("<imap.1717.42.inbox@pintu.invalid>");
  });

  it("flags cut text and a message the listener truncated to its header", async () => {
    const long = person(
      await emailToInbound(await compose({ subject: "panjang", text: "kata ".repeat(10_000) }), {
        fileStore: memoryFileStore(),
        ownAddresses: OWN,
        limits: { maxTextChars: 1000 },
      }),
    );
    expect(long.message.text.length).toBeLessThanOrEqual(1000);
    expect(long.notices).toEqual(["text_truncated"]);

    const header = Buffer.from("From: Rina <rina@example.org>\r\nSubject: besar\r\nMessage-ID: <big@example.org>\r\n\r\n");
    const cut = person(
      await emailToInbound(header, {
        fileStore: memoryFileStore(),
        ownAddresses: OWN,
        meta: { uid: 1, uidValidity: "1", mailbox: "INBOX", truncated: true, size: 50_000_000 },
      }),
    );
    expect(cut.notices).toEqual(["message_too_large"]);
    expect(cut.message.platformId).toBe("<big@example.org>");
  });
});
