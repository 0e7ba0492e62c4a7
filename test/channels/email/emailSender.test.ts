// The email sender against a real SMTP server and Dovecot: what arrives in the mailbox (read back with
// imapflow) has the case tag, threading headers, the reply keywords, attachments and the ICS invite; a
// reply to it finds its way back; refusals come back as DeliveryError by cause.
import { simpleParser, type ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseNumberFromSubject } from "../../../src/channels/email/caseSubject.ts";
import { createEmailSender, type EmailSender } from "../../../src/channels/email/emailSender.ts";
import { emailToInbound } from "../../../src/channels/email/emailToInbound.ts";
import { matchReplyToButton } from "../../../src/channels/email/replyKeywords.ts";
import { DeliveryError } from "../../../src/notify/channelSender.ts";
import { outboundMessageSchema, type OutboundMessage } from "../../../src/notify/outboundMessage.ts";
import { mailServerUnavailable, startMailServer, type MailServer } from "../../support/mailServer.ts";
import { capturedLogger, memoryFileStore } from "./emailTestKit.ts";

describe.skipIf(mailServerUnavailable)(`email sender through SMTP into Dovecot${mailServerUnavailable ? ` (skipped: ${mailServerUnavailable})` : ""}`, () => {
  let server: MailServer;
  let sender: EmailSender;
  const files = memoryFileStore();
  const log = capturedLogger();

  beforeAll(async () => {
    server = await startMailServer({ users: ["bot", "klien", "konselor", "html"] });
    sender = createEmailSender({
      smtp: { host: server.host, port: server.smtpPort, secure: false },
      from: "Pintu Konseling <bot@test.local>",
      fileStore: files,
      logger: log.logger,
    });
  });
  afterAll(async () => {
    sender?.close();
    await server?.stop();
  });

  const send = (to: string, message: OutboundMessage) => sender.send(to, outboundMessageSchema.parse(message));
  const lastMail = async (user: string, count: number): Promise<{ parsed: ParsedMail; source: string }> => {
    const box = await server.waitForMailbox(user, count);
    const source = box[count - 1]!.source;
    return { parsed: await simpleParser(source), source: source.toString("utf8") };
  };

  it("sends a case mail with tag, threading, keywords, links, an attachment and an ICS invite; a reply to it is recognised", async () => {
    const pdf = Buffer.from("%PDF-1.4 jadwal");
    const ref = await files.save({ bytes: pdf, name: "jadwal.pdf", mimeType: "application/pdf" });
    const buttons: OutboundMessage["buttons"] = [
      { label: "Setujui", action: { kind: "step_outcome", stepRunId: "run-9", outcome: "approve" } },
      { label: "Minta revisi", action: { kind: "step_outcome", stepRunId: "run-9", outcome: "revise" } },
    ];
    const sent = await send("konselor@test.local", {
      text: "Kasus #123: mohon setujui jadwal sesi.\nKlien: praja tingkat II.",
      subject: "Persetujuan jadwal",
      caseNo: 123,
      replyTo: "<orig-1@example.org>",
      buttons,
      links: [{ label: "Google Meet", url: "https://meet.google.com/abc-defg-hij" }],
      attachments: [{ kind: "document", ref, name: "jadwal.pdf", mimeType: "application/pdf" }],
      invite: {
        uid: "sesi-123@test.local",
        method: "REQUEST",
        start: new Date("2024-06-10T02:00:00Z"),
        end: new Date("2024-06-10T03:00:00Z"),
        title: "Sesi konseling",
        url: "https://meet.google.com/abc-defg-hij",
        attendeeEmails: [],
      },
    });
    expect(sent.platformId).toMatch(/^<[0-9a-f-]{36}@test\.local>$/);

    const { parsed, source } = await lastMail("konselor@test.local", 1);
    expect(parsed.subject).toBe("[Kasus #123] Persetujuan jadwal");
    expect(parsed.messageId).toBe(sent.platformId);
    expect(parsed.inReplyTo).toBe("<orig-1@example.org>");
    expect(parsed.references).toEqual(["<kasus-123@test.local>", "<orig-1@example.org>"]);
    expect(parsed.headers.get("auto-submitted")).toBe("auto-replied");
    expect(parsed.from?.value[0]).toMatchObject({ name: "Pintu Konseling", address: "bot@test.local" });
    expect(parsed.text).toContain("Kasus #123: mohon setujui jadwal sesi.");
    expect(parsed.text).toContain("SETUJU — Setujui");
    expect(parsed.text).toContain("REVISI: <alasan> — Minta revisi");
    expect(parsed.text).toContain("- Google Meet: https://meet.google.com/abc-defg-hij");
    const pdfPart = parsed.attachments.find((a) => a.filename === "jadwal.pdf");
    expect(pdfPart?.content.equals(pdf)).toBe(true);
    expect(source).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(source).toContain("METHOD:REQUEST");
    expect(source).toContain("UID:sesi-123@test.local");
    const ics = source.replace(/\r?\n[ \t]/g, ""); // unfold iCalendar lines
    expect(ics).toMatch(/ORGANIZER;CN="?Pintu Konseling"?:mailto:bot@test\.local/i);
    expect(ics).toMatch(/ATTENDEE;[^\r\n]*RSVP=TRUE:mailto:konselor@test\.local/i);

    // The counsellor answers from their mail client.
    await server.deliver({
      from: "konselor@test.local",
      to: "bot@test.local",
      subject: `Re: ${parsed.subject}`,
      inReplyTo: parsed.messageId,
      references: [...(parsed.references as string[]), parsed.messageId!],
      text: `Revisi: jamnya dimajukan ke 08.00\n\nPada Sen, 10 Jun 2024 pukul 09.00 Pintu Konseling <bot@test.local> menulis:\n> ${parsed.text!.split("\n").join("\n> ")}`,
    });
    const reply = (await server.waitForMailbox("bot@test.local", 1))[0]!;
    const inbound = await emailToInbound(reply.source, { fileStore: files, ownAddresses: ["bot@test.local"] });
    if (inbound.kind !== "person") throw new Error(`reply classified as ${inbound.kind}`);
    expect(caseNumberFromSubject(inbound.message.subject)).toBe(123);
    expect(inbound.message.replyToPlatformId).toBe(sent.platformId);
    expect(inbound.message.references).toContain(sent.platformId);
    expect(inbound.message.text).toBe("Revisi: jamnya dimajukan ke 08.00");
    expect(matchReplyToButton(outboundMessageSchema.parse({ text: "", buttons }).buttons, inbound.message.text)).toMatchObject({
      button: { action: { outcome: "revise" } },
      argument: "jamnya dimajukan ke 08.00",
    });
  });

  it("numbers choices, escapes the HTML alternative and sends a cancel as METHOD:CANCEL", async () => {
    await send("html@test.local", {
      text: "Halo <script>alert(1)</script> & selamat datang",
      buttons: [
        { label: "Ya, saya setuju", action: { kind: "choice", value: "yes" } },
        { label: "Tidak", action: { kind: "choice", value: "no" } },
      ],
      invite: {
        uid: "sesi-9@test.local",
        method: "CANCEL",
        sequence: 1,
        start: new Date("2024-06-10T02:00:00Z"),
        end: new Date("2024-06-10T03:00:00Z"),
        title: "Sesi",
        attendeeEmails: [],
      },
    });
    const { parsed, source } = await lastMail("html@test.local", 1);
    expect(parsed.subject).toBe("Pintu Konseling");
    expect(parsed.text).toContain("1. Ya, saya setuju\n2. Tidak");
    expect(parsed.html).toContain("Halo &lt;script&gt;alert(1)&lt;/script&gt; &amp; selamat datang");
    expect(parsed.html).not.toContain("<script>");
    expect(source).toContain("METHOD:CANCEL");
    expect(source).toContain("STATUS:CANCELLED");
    expect(parsed.inReplyTo).toBeUndefined();
    expect(parsed.headers.get("auto-submitted")).toBe("auto-generated"); // a notice, answering nothing
  });

  it("carries the answered mail's References chain on, then its Message-ID (RFC 5322 §3.6.4), each id once", async () => {
    // The client's mail answered our earlier one, which answered theirs: its References hold that chain.
    const chain = ["<kasus-7@test.local>", "<awal@klien.example>", "<balasan-1@test.local>"];
    await send("klien@test.local", { text: "Terima kasih, pesan Anda sudah diteruskan.", caseNo: 7, replyTo: "<kedua@klien.example>", replyThread: chain });
    const { parsed, source } = await lastMail("klien@test.local", 1);
    expect(parsed.inReplyTo).toBe("<kedua@klien.example>");
    expect(parsed.references).toEqual([...chain, "<kedua@klien.example>"]);
    expect(source).toMatch(/^Auto-Submitted: auto-replied\r?$/m);
  });

  it("reports a recipient the server does not know as blocked, without the address in the error", async () => {
    const err = await send("tidak-ada@test.local", { text: "halo" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ kind: "blocked", details: { code: 550 } });
    expect(JSON.stringify((err as DeliveryError).details)).not.toContain("tidak-ada");
  });

  it("reports an unreachable server as transient and a missing attachment as rejected", async () => {
    const closed = createEmailSender({ smtp: { host: "127.0.0.1", port: 1, secure: false }, from: "bot@test.local", fileStore: files, logger: log.logger });
    try {
      await expect(closed.send("klien@test.local", outboundMessageSchema.parse({ text: "x" }))).rejects.toMatchObject({ kind: "transient" });
    } finally {
      closed.close();
    }
    await expect(send("klien@test.local", { text: "x", attachments: [{ kind: "document", ref: "file:does-not-exist" }] })).rejects.toMatchObject({
      kind: "rejected",
    });
    await expect(send("not an address", { text: "x" })).rejects.toMatchObject({ kind: "rejected" });
  });

  it("never logs an address, subject or body", () => {
    const text = log.text();
    expect(text).toContain("email sent");
    expect(text).not.toMatch(/konselor@|klien@|html@|Persetujuan|mohon setujui|alert\(1\)/);
  });
});
