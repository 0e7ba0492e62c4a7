// The email front door end to end against a real Dovecot (IMAP IDLE) and SMTP server on loopback, with the
// Telegram side on the fake Bot API: a praja emails the mailbox, answers the consent form by reply, the case
// opens; the counsellor answers on Telegram and the answer arrives in the praja's mailbox, threaded; the Kepala
// Unit approves and the Rektor gives the disposisi by replying to their task emails with a keyword.
// Auto-replies and bounces start nothing; hostile mail is answered without a crash.
import { simpleParser, type ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueInvite } from "../../src/store/inviteCodes.ts";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { emailChannelEnv, mailReader, mailServerUnavailable, replyMail, startMailServer, type MailServer } from "../support/mailServer.ts";
import { waitForOutboxSettled } from "../support/outboxSettled.ts";
import { passCaseToPlanApproval, startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitFor } from "../support/waitFor.ts";

const BOT = "bot@test.local";
const PRAJA = "praja@test.local";
const KEPALA = "kepala@test.local";
const REKTOR = "rektor@test.local";
const STRANGER = "stranger@test.local";
const konselor: FakeUser = { id: 9201, first_name: "Sari" };
const staf: FakeUser = { id: 9202, first_name: "Budi" };

describe.skipIf(mailServerUnavailable !== null && !process.env.CI)(`email front door (real Dovecot + SMTP) ${mailServerUnavailable ?? ""}`, () => {
  let mail: MailServer;
  let w: TelegramWorld;
  let nextMail: ReturnType<typeof mailReader>["nextMail"];
  /** Replies to `original` from `user` as a mail client would (Re:, In-Reply-To, References). */
  async function replyTo(user: string, original: ParsedMail, text: string, extra: Record<string, unknown> = {}) {
    await mail.deliver({ ...replyMail({ from: user, to: BOT, original, text }), ...extra });
  }

  beforeAll(async () => {
    mail = await startMailServer({ users: ["bot", "praja", "kepala", "rektor", "stranger", "a1", "a2", "a3", "a4", "r1", "r2", "r3"] });
    nextMail = mailReader(mail).nextMail;
    w = await startTelegramWorld({ env: emailChannelEnv(mail, BOT) });
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    await w.linkStaff(staf, { roles: ["staf"], name: "Budi" });
    for (const [address, role, name] of [
      [KEPALA, "kepala_unit", "Kepala Unit"],
      [REKTOR, "rektor", "Rektor IPDN"],
    ] as const) {
      const invite = await issueInvite(w.app.db.prisma, { orgId: "ipdn", role, name, ttlHours: 1, now: new Date() });
      await mail.deliver({ from: address, to: BOT, subject: "Aktivasi", text: `/start ${invite.code}` });
      await nextMail(address, /terhubung sebagai/);
    }
  }, 60_000);
  afterAll(async () => {
    await w?.close();
    await mail?.stop();
  });

  let formMail: ParsedMail;
  it("answers a first email with the consent text and the form, threaded on it", async () => {
    await mail.deliver({
      from: PRAJA,
      to: BOT,
      subject: "Butuh konseling",
      messageId: "<first@test.local>",
      text: "Selamat pagi. Saya sulit tidur sejak pindah wisma.",
    });
    formMail = await nextMail(PRAJA, /Salin formulir ini/);
    expect(formMail.subject).toBe("Re: Butuh konseling");
    expect(formMail.inReplyTo).toBe("<first@test.local>");
    expect(formMail.text).toMatch(/Yang dicatat/);
    expect(formMail.text).toMatch(/Persetujuan: \n/);
    // The first email's text is kept as the complaint draft.
    expect(formMail.text).toContain("Keluhan: Selamat pagi. Saya sulit tidur sejak pindah wisma.");
  });

  it("re-asks what is missing or invalid, then opens the case once consent and the fields are in", async () => {
    await replyTo(
      PRAJA,
      formMail,
      ["Persetujuan: Setuju", "Jenis klien (Praja / Pegawai): Praja", "Nama: Ayu Lestari", "NPP: 31-0777x", "Tingkat: 2"].join("\n"),
    );
    const again = await nextMail(PRAJA, /perlu diperbaiki/);
    expect(again.text).toMatch(/NPP: NPP tidak dikenali/);
    expect(again.text).toMatch(/Yang masih perlu diisi: .*Kelas\/Wisma, Kampus/);
    expect(again.text).toContain("Nama: Ayu Lestari");
    expect(again.text).not.toMatch(/Yang dicatat/); // consent was given: not asked again
    await replyTo(PRAJA, again, ["NPP: 31.0777", "Kelas/Wisma: A2", "Kampus: Jatinangor"].join("\n"));
    const opened = await nextMail(PRAJA, /Kasus #1/);
    expect(opened.text).toMatch(/diterima sebagai Kasus #1/);
    const c = await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 } });
    expect(JSON.parse(c.intakeJson)).toMatchObject({
      kind: "praja",
      answers: { nama: "Ayu Lestari", npp: "31.0777", tingkat: "II" },
      keluhan: expect.stringContaining("sulit tidur"),
    });
    await w.waitForMessage(konselor, /Kasus #1 baru untuk Anda[\s\S]*Ayu Lestari/);
  });

  it("the counsellor's answer on Telegram reaches the praja's mailbox, threaded on the case; her reply goes back", async () => {
    const card = await w.waitForMessage(konselor, /Kasus #1 baru untuk Anda/);
    w.fake.userReplies(konselor, card.message_id, "Ayu, saya Sari. Kita bicara Kamis pagi?");
    const answer = await nextMail(PRAJA, /Kamis pagi/);
    expect(answer.subject).toMatch(/^\[Kasus #1\]/);
    expect(answer.messageId).toMatch(/@test\.local>$/);
    expect(String(answer.references ?? "")).toContain("kasus-1@test.local");
    const n = w.count(konselor);
    await replyTo(PRAJA, answer, "Bisa, Bu. Terima kasih.\n\n> Ayu, saya Sari. Kita bicara Kamis pagi?");
    const back = await w.waitForMessage(konselor, /Kasus #1 · pesan klien:\nBisa, Bu\. Terima kasih\./, { after: n });
    expect(back.text).not.toContain("Kamis pagi"); // the quoted history is trimmed
  });

  it("the Kepala Unit approves and the Rektor gives the disposisi by replying to the task email", async () => {
    await passCaseToPlanApproval(w, { staf, konselor, plan: "Konseling mingguan, latihan tidur teratur." });
    const task4 = await nextMail(KEPALA, /Langkah 4: Melaporkan rencana/);
    expect(task4.subject).toMatch(/^\[Kasus #1\]/);
    expect(task4.text).toMatch(/SETUJU/);
    expect(task4.text).toMatch(/REVISI: <alasan>/);
    await replyTo(KEPALA, task4, "SETUJU\n\nSalam,\nKepala Unit");
    await nextMail(KEPALA, /Tercatat: Kasus #1, langkah 4 — Setujui rencana penanganan/);
    // Step 5 books the session: without Google Calendar the slots come from working hours, the praja picks
    // one by replying with its number, gets the time with an ICS invitation, and the link the counsellor adds.
    const slots = await nextMail(PRAJA, /pilih jadwal sesi konseling online/);
    expect(slots.text).toMatch(/1\. (Sen|Sel|Rab|Kam|Jum) \d+/);
    await replyTo(PRAJA, slots, "1");
    const booked = await nextMail(PRAJA, /Sesi konseling Kasus #1:/);
    expect(booked.text).toMatch(/Tautan Google Meet akan dikirim konselor/);
    const ics = booked.attachments.find((a) => a.contentType.startsWith("text/calendar"));
    expect(ics?.content.toString()).toMatch(/METHOD:REQUEST[\s\S]*DTSTART:\d{8}T\d{6}Z/);
    await w.waitForMessage(konselor, /Tambahkan|\/link 1/);
    w.fake.userSends(konselor, "/link 1 https://meet.google.com/abc-defg-hij");
    const withLink = await nextMail(PRAJA, /meet\.google\.com\/abc-defg-hij/);
    expect(withLink.attachments.find((a) => a.contentType.startsWith("text/calendar"))?.content.toString()).toMatch(/abc-defg-hij/);
    await w.waitForMessage(konselor, /Langkah 6/);
    await w.tap(konselor, "Selesai", /Tuliskan isi rencana/);
    w.fake.userSends(konselor, "Tidur membaik; pengawasan selesai.");
    const task7 = await nextMail(KEPALA, /Langkah 7: Membuat laporan/);
    // A reply without a keyword is not taken as a decision: the keywords are explained.
    await replyTo(KEPALA, task7, "Sudah saya baca.");
    await nextMail(KEPALA, /tidak kami kenali/);
    await replyTo(KEPALA, task7, "SETUJU");
    const task8 = await nextMail(REKTOR, /Langkah 8: Memberikan disposisi/);
    const n = w.count(konselor);
    await replyTo(REKTOR, task8, "DISPOSISI: Lanjutkan pendampingan dua minggu.\nLaporkan hasilnya kepada Kepala Unit.");
    const step9 = await w.waitForMessage(konselor, /Langkah 9: Melaksanakan perintah disposisi/, { after: n });
    expect(step9.text).toContain("Lanjutkan pendampingan dua minggu.\nLaporkan hasilnya kepada Kepala Unit.");
    const run = await w.app.db.prisma.stepRun.findFirstOrThrow({ where: { stepId: "s8" }, include: { actedBy: true } });
    expect(run.actedBy?.displayName).toBe("Rektor IPDN");
  });

  it("auto-replies and bounces start nothing", async () => {
    const before = await w.app.db.prisma.outbox.count();
    await mail.deliver({ from: STRANGER, to: BOT, subject: "Out of office", headers: { "Auto-Submitted": "auto-replied" }, text: "I am away." });
    await mail.deliver(
      [
        `From: MAILER-DAEMON@test.local`,
        `To: ${BOT}`,
        `Subject: Undelivered Mail Returned to Sender`,
        `MIME-Version: 1.0`,
        `Content-Type: multipart/report; report-type=delivery-status; boundary="b"`,
        ``,
        `--b`,
        `Content-Type: text/plain`,
        ``,
        `Delivery failed.`,
        `--b`,
        `Content-Type: message/delivery-status`,
        ``,
        `Reporting-MTA: dns; test.local`,
        ``,
        `Final-Recipient: rfc822; x@nowhere.test`,
        `Action: failed`,
        `Status: 5.1.1`,
        `--b--`,
        ``,
      ].join("\r\n"),
      { from: "", to: BOT },
    );
    await waitForAudit(w, "mail_ignored", 2);
    expect(await w.app.db.prisma.outbox.count()).toBe(before);
    expect(await w.app.db.prisma.dialogState.count({ where: { channel: "email", address: STRANGER } })).toBe(0);
  });

  it("answers malformed MIME, a 20 MB attachment, an empty body and an emoji-only subject, without crashing", async () => {
    const senders = ["a1@test.local", "a2@test.local", "a3@test.local", "a4@test.local"];
    await mail.deliver(
      `From: ${senders[0]}\r\nTo: ${BOT}\r\nSubject: rusak\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Type: text/plain; charset=nope\r\nContent-Transfer-Encoding: base64\r\n\r\n@@@not base64@@@\r\n--x`,
      { from: senders[0]!, to: BOT },
    );
    await mail.deliver({
      from: senders[1],
      to: BOT,
      subject: "lampiran besar",
      text: "Ini berkasnya.",
      attachments: [{ filename: "besar.bin", content: Buffer.alloc(20 * 1024 * 1024, 7) }],
    });
    await mail.deliver({ from: senders[2], to: BOT, subject: "kosong", text: "" });
    await mail.deliver({ from: senders[3], to: BOT, subject: "😢😢😢", text: "tolong" });
    const answered = async (address: string) => {
      const until = Date.now() + 30_000;
      while (Date.now() < until) {
        if (mail.accepted.some((m) => m.to.includes(address))) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    };
    for (const s of senders) expect(await answered(s), `${s} got an answer`).toBe(true);
    // The sender of the 20 MB file is told it was too large (besides getting the form).
    const until = Date.now() + 20_000;
    let told = false;
    while (!told && Date.now() < until) {
      for (const m of mail.accepted.filter((x) => x.to.includes(senders[1]!))) if (/terlalu besar/.test((await simpleParser(m.raw)).text ?? "")) told = true;
      if (!told) await new Promise((r) => setTimeout(r, 100));
    }
    expect(told).toBe(true);
    expect((await fetch(`http://127.0.0.1:${w.service.port}/healthz`)).status).toBe(200);
  }, 60_000);
});

describe.skipIf(mailServerUnavailable !== null && !process.env.CI)("email listener across restarts and dropped connections", () => {
  let mail: MailServer;
  let w: TelegramWorld;
  beforeAll(async () => {
    mail = await startMailServer({ users: ["bot", "r1", "r2", "r3"] });
    w = await startTelegramWorld({
      env: {
        IMAP_HOST: mail.host,
        IMAP_PORT: String(mail.imapPort),
        IMAP_SECURE: "0",
        IMAP_USER: BOT,
        IMAP_PASSWORD: mail.password,
        SMTP_HOST: mail.host,
        SMTP_PORT: String(mail.smtpPort),
        SMTP_SECURE: "0",
        MAIL_FROM: BOT,
      },
      service: { emailReconnect: { initialDelayMs: 100, maxDelayMs: 500 } },
    });
  }, 60_000);
  afterAll(async () => {
    await w?.close();
    await mail?.stop();
  });
  const answersTo = (address: string) => mail.accepted.filter((m) => m.to.includes(address)).length;
  const waitAnswers = async (address: string, n: number) => {
    const until = Date.now() + 30_000;
    while (answersTo(address) < n) {
      if (Date.now() > until) throw new Error(`${address}: ${answersTo(address)} answers, wanted ${n}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it("handles each mail once across a restart of the service between two mails", async () => {
    await mail.deliver({ from: "r1@test.local", to: BOT, subject: "satu", text: "Halo" });
    await waitAnswers("r1@test.local", 1);
    await w.restart();
    await mail.deliver({ from: "r2@test.local", to: BOT, subject: "dua", text: "Halo" });
    await waitAnswers("r2@test.local", 1);
    // Mail is handled in UID order and the cursor saved after each, so once it stands at the second mail any
    // repeat of the first has been handled and queued; once the queue is sent, SMTP has every answer there is.
    const cursor = () => w.app.db.prisma.mailCursor.findUniqueOrThrow({ where: { mailbox: "INBOX" } });
    await waitFor("the mail cursor at the second mail", async () => (await cursor()).lastUid >= 2);
    await waitForOutboxSettled(w.app.db.prisma);
    expect(answersTo("r1@test.local")).toBe(1);
    expect(answersTo("r2@test.local")).toBe(1);
    expect(await cursor()).toMatchObject({ lastUid: 2 });
  }, 60_000);

  it("reconnects after the IMAP connection drops mid-IDLE and catches up on mail that came meanwhile", async () => {
    const until = Date.now() + 10_000;
    while (!w.service.email!.listener.idling && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    expect(await mail.kick(BOT)).toBe(true);
    await mail.deliver({ from: "r3@test.local", to: BOT, subject: "tiga", text: "Halo" });
    await waitAnswers("r3@test.local", 1);
  }, 60_000);
});

async function waitForAudit(w: TelegramWorld, type: string, count: number): Promise<void> {
  const until = Date.now() + 20_000;
  while ((await w.app.db.prisma.auditEvent.count({ where: { type } })) < count) {
    if (Date.now() > until) throw new Error(`no ${count} ${type} audit events`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
