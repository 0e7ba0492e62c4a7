// From SMTP to InboundMessage through the real parts: a mail sent to the bot's address arrives in Dovecot,
// the listener reads it over IMAP and emailToInbound turns it into our message; machine mail is filtered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailToInbound, type EmailToInboundResult } from "../../../src/channels/email/emailToInbound.ts";
import { createImapListener, type ImapListener } from "../../../src/channels/email/imapListener.ts";
import { createMemoryCursorStore } from "../../../src/channels/email/mailCursorStore.ts";
import { mailServerUnavailable, startMailServer, type MailServer } from "../../support/mailServer.ts";
import { capturedLogger, fixture, memoryFileStore, waitUntil } from "./emailTestKit.ts";

describe.skipIf(mailServerUnavailable)(`inbound email pipeline${mailServerUnavailable ? ` (skipped: ${mailServerUnavailable})` : ""}`, () => {
  let server: MailServer;
  let listener: ImapListener;
  const files = memoryFileStore();
  const results: EmailToInboundResult[] = [];

  beforeAll(async () => {
    server = await startMailServer({ users: ["bot", "klien"] });
    listener = createImapListener({
      imap: { host: server.host, port: server.imapPort, secure: false, user: "bot@test.local", password: server.password },
      cursorStore: createMemoryCursorStore(),
      logger: capturedLogger().logger,
      autoIdleDelayMs: 200,
      maxMessageBytes: 2 * 1024 * 1024,
      async onMail(raw, meta) {
        results.push(await emailToInbound(raw, { fileStore: files, ownAddresses: ["bot@test.local"], meta }));
      },
    });
    listener.start();
  });
  afterAll(async () => {
    await listener?.stop();
    await server?.stop();
  });

  const next = async (count: number) => {
    await waitUntil(`${count} converted mail(s)`, () => results.length >= count);
    return results[count - 1]!;
  };

  it("delivers a client's mail as an InboundMessage with text, subject, references and attachment", async () => {
    await server.deliver({
      from: '"Rina Praja" <klien@test.local>',
      to: "bot@test.local",
      subject: "Re: [Kasus #5] Biodata",
      inReplyTo: "<asal-2@test.local>",
      references: ["<kasus-5@test.local>", "<asal-1@test.local>", "<asal-2@test.local>"],
      text: "Berikut KTM saya.\n\nOn Mon, 3 Jun 2024 at 10:00, Pintu Konseling <bot@test.local> wrote:\n> Mohon kirim KTM.",
      attachments: [{ filename: "ktm.jpg", content: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), contentType: "image/jpeg" }],
    });
    const result = await next(1);
    if (result.kind !== "person") throw new Error(`classified as ${result.kind}`);
    expect(result.message).toMatchObject({
      channel: "email",
      address: "klien@test.local",
      senderName: "Rina Praja",
      text: "Berikut KTM saya.",
      subject: "Re: [Kasus #5] Biodata",
      replyToPlatformId: "<asal-2@test.local>",
      references: ["<asal-2@test.local>", "<asal-1@test.local>", "<kasus-5@test.local>"],
      attachments: [{ kind: "photo", name: "ktm.jpg", mimeType: "image/jpeg", size: 7, fileRef: expect.stringMatching(/^file:/) }],
    });
    expect(result.message.platformId).toMatch(/^<.+@test\.local>$/);
    expect(result.message.receivedAt).toBeInstanceOf(Date);
  });

  it("recognises an auto-reply, a bounce and a list mail arriving through the mailbox as not-a-person", async () => {
    const start = results.length;
    await server.deliver(fixture("auto-reply.eml"), { from: "", to: "bot@test.local" });
    await server.deliver(fixture("bounce-dsn.eml"), { from: "", to: "bot@test.local" });
    await server.deliver(fixture("list-mail.eml"), { from: "bounces+123@lists.example.org", to: "bot@test.local" });
    await next(start + 3);
    expect(results.slice(start).map((r) => r.kind)).toEqual(["auto_reply", "bounce", "bulk"]);
  });

  it("hands over only the header of a message above maxMessageBytes, so the person can be told", async () => {
    const start = results.length;
    await server.deliver({
      from: "klien@test.local",
      to: "bot@test.local",
      subject: "Video",
      text: "video sesi",
      attachments: [{ filename: "sesi.mp4", content: Buffer.alloc(3 * 1024 * 1024, 7), contentType: "video/mp4" }],
    });
    const result = await next(start + 1);
    if (result.kind !== "person") throw new Error(`classified as ${result.kind}`);
    expect(result.notices).toEqual(["message_too_large"]);
    expect(result.message.subject).toBe("Video");
    expect(result.message.attachments).toEqual([]);
  });
});
