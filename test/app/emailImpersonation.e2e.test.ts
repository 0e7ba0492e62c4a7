// Email cannot be used to impersonate, on a real Dovecot with an SMTP server that authenticates senders as a
// receiving mail system does (test/support/mailServer.ts writes its Authentication-Results, authserv-id
// mx.test.local, the service's MAIL_AUTHSERV_IDS). Mail in a staff member's or a client's name that this server
// did not authenticate changes nothing, in each of three forms: no header at all (it came around the server), a
// forged "pass" header below the server's own, and a "pass" of another authserv-id. Each is audited and answered
// (the answer goes to the real owner of the address). Genuine mail still acts; HAPUS waits for a reply to the
// confirmation the address is sent; a client's unauthenticated mail reaches the counsellor marked unverified.
import type { ParsedMail } from "mailparser";
import type Mail from "nodemailer/lib/mailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueInvite } from "../../src/store/inviteCodes.ts";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import {
  emailChannelEnv,
  MAIL_AUTHSERV_ID,
  MAIL_DOMAIN,
  mailReader,
  mailServerUnavailable,
  replyMail,
  startMailServer,
  type MailServer,
} from "../support/mailServer.ts";
import { passCaseToPlanApproval, startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitFor } from "../support/waitFor.ts";

const MAILBOXES = ["bot", "praja", "kepala", "rektor"];
const [BOT, PRAJA, KEPALA, REKTOR] = MAILBOXES.map((user) => `${user}@${MAIL_DOMAIN}`) as [string, string, string, string];
const konselor: FakeUser = { id: 9301, first_name: "Sari" };
const staf: FakeUser = { id: 9302, first_name: "Budi" };
const FORGED_PASS = "dkim=pass header.d=test.local; spf=pass smtp.mailfrom=test.local; dmarc=pass header.from=test.local";

describe.skipIf(mailServerUnavailable !== null && !process.env.CI)(`email impersonation (real Dovecot + SMTP) ${mailServerUnavailable ?? ""}`, () => {
  let mail: MailServer;
  let w: TelegramWorld;
  let nextMail: ReturnType<typeof mailReader>["nextMail"];
  /** A reply to `original` as a mail client writes it (Re:, In-Reply-To, References). */
  const replyOptions = (user: string, original: ParsedMail, text: string): Mail.Options => replyMail({ from: user, to: BOT, original, text });
  const refusals = () => w.app.db.prisma.auditEvent.findMany({ where: { type: "mail_refused" }, orderBy: { at: "asc" } });

  /**
   * Sends `message` in the sender's name in the three forged forms and waits until each was refused (audited) and
   * answered to the address; returns the refusals' reasons.
   */
  async function forgeThreeWays(message: Mail.Options, answer: RegExp): Promise<{ why: string; authentication: string }[]> {
    const before = (await refusals()).length;
    const from = String(message.from);
    // 1. Around the authenticating server: no Authentication-Results at all.
    await mail.deliver(message, undefined, { direct: true });
    // 2. Through it, not logged in, with a "pass" of the trusted authserv-id written by the sender: it ends up
    //    below the server's own header, which says fail.
    await mail.deliver({ ...message, headers: { "Authentication-Results": `${MAIL_AUTHSERV_ID}; ${FORGED_PASS}` } }, undefined, { as: "forger" });
    // 3. Around the server, with a "pass" of a server nobody trusts.
    await mail.deliver({ ...message, headers: { "Authentication-Results": `mx.evil.example; ${FORGED_PASS}` } }, undefined, { direct: true });
    await waitFor("three refusals", async () => (await refusals()).length >= before + 3);
    for (let i = 0; i < 3; i++) await nextMail(from, answer);
    return (await refusals()).slice(before).map((r) => JSON.parse(r.dataJson) as { why: string; authentication: string });
  }

  beforeAll(async () => {
    mail = await startMailServer({ users: MAILBOXES });
    nextMail = mailReader(mail).nextMail;
    w = await startTelegramWorld({ env: emailChannelEnv(mail, BOT) });
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    await w.linkStaff(staf, { roles: ["staf"], name: "Budi" });
    const invite = await issueInvite(w.app.db.prisma, { orgId: "ipdn", role: "kepala_unit", name: "Kepala Unit", ttlHours: 1, now: new Date() });
    await mail.deliver({ from: KEPALA, to: BOT, subject: "Aktivasi", text: `/start ${invite.code}` });
    await nextMail(KEPALA, /terhubung sebagai/);
  }, 60_000);
  afterAll(async () => {
    await w?.close(); // the service first: its IMAP listener would only try to reconnect
    await mail?.stop();
  });

  it("a forged /start with an invite code links nobody; the genuine one does", async () => {
    const invite = await issueInvite(w.app.db.prisma, { orgId: "ipdn", role: "rektor", name: "Rektor IPDN", ttlHours: 1, now: new Date() });
    const reasons = await forgeThreeWays({ from: REKTOR, to: BOT, subject: "Aktivasi", text: `/start ${invite.code}` }, /Kode ini tidak kami pakai/);
    expect(reasons.map((r) => r.why)).toEqual(["link_code", "link_code", "link_code"]);
    expect(reasons.map((r) => r.authentication)).toEqual([
      "no Authentication-Results header of a trusted server",
      `${MAIL_AUTHSERV_ID} says dmarc=fail, dkim=fail`,
      "no Authentication-Results header of a trusted server",
    ]);
    expect(await w.app.db.prisma.channelIdentity.count({ where: { channel: "email", address: REKTOR } })).toBe(0);
    expect(await w.app.db.prisma.inviteCode.count({ where: { personId: invite.personId, usedAt: { not: null } } })).toBe(0);
    await mail.deliver({ from: REKTOR, to: BOT, subject: "Aktivasi", text: `/start ${invite.code}` });
    await nextMail(REKTOR, /terhubung sebagai/);
  });

  let caseMail: ParsedMail;
  it("a forged SETUJU in the Kepala Unit's name leaves the step waiting; the genuine one records it", async () => {
    await mail.deliver({ from: PRAJA, to: BOT, subject: "Butuh konseling", text: "Saya sulit tidur sejak pindah wisma." });
    const form = await nextMail(PRAJA, /Salin formulir ini/);
    const fields = [
      "Persetujuan: Setuju",
      "Jenis klien (Praja / Pegawai): Praja",
      "Nama: Ayu Lestari",
      "NPP: 31.0777",
      "Tingkat: 2",
      "Kelas/Wisma: A2",
      "Kampus: Jatinangor",
    ];
    await mail.deliver(replyOptions(PRAJA, form, fields.join("\n")));
    caseMail = await nextMail(PRAJA, /Kasus #1/);
    await w.waitForMessage(staf, /Langkah 2/);
    await passCaseToPlanApproval(w, { staf, konselor, plan: "Konseling mingguan, latihan tidur teratur." });
    const task4 = await nextMail(KEPALA, /Langkah 4: Melaporkan rencana/);

    const reasons = await forgeThreeWays(replyOptions(KEPALA, task4, "SETUJU"), /tidak kami jalankan: server email kami tidak dapat memastikan/);
    expect(reasons.map((r) => r.why)).toEqual(["staff", "staff", "staff"]);
    const step4 = () => w.app.db.prisma.stepRun.findFirstOrThrow({ where: { stepId: "s4" } });
    expect((await step4()).actedAt).toBeNull();
    expect((await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 } })).currentStepId).toBe("s4");
    // A note or a /balas in the Kepala Unit's name is refused alike.
    const notes = await forgeThreeWays(
      { from: KEPALA, to: BOT, subject: "Catatan", text: "/balas 1 Mohon datang ke kantor saya sekarang." },
      /tidak kami jalankan/,
    );
    expect(notes.map((r) => r.why)).toEqual(["staff", "staff", "staff"]);
    expect(await w.app.db.prisma.message.count({ where: { direction: "out" } })).toBe(0);

    await mail.deliver(replyOptions(KEPALA, task4, "SETUJU"));
    await nextMail(KEPALA, /Tercatat: Kasus #1, langkah 4/);
    expect((await step4()).actedAt).not.toBeNull();
  }, 90_000);

  it("a client's mail nobody authenticated still reaches the counsellor, marked unverified; a genuine one is not marked", async () => {
    const n = w.count(konselor);
    await mail.deliver(replyOptions(PRAJA, caseMail, "Apakah jadwalnya bisa dimajukan?"), undefined, { direct: true });
    const marked = await w.waitForMessage(konselor, /Apakah jadwalnya bisa dimajukan\?/, { after: n });
    expect(marked.text).toMatch(/^Kasus #1 · pesan klien:\n⚠️ Pengirim belum terverifikasi/);
    const m = w.count(konselor);
    await mail.deliver(replyOptions(PRAJA, caseMail, "Terima kasih, Bu."));
    const genuine = await w.waitForMessage(konselor, /Terima kasih, Bu\./, { after: m });
    expect(genuine.text).not.toContain("belum terverifikasi");
  });

  it("a forged HAPUS erases nothing; a genuine one is confirmed by replying to the mail the address is sent", async () => {
    const consent = () => w.app.db.prisma.consent.findFirstOrThrow({ where: { channel: "email" } });
    const reasons = await forgeThreeWays({ from: PRAJA, to: BOT, subject: "hapus", text: "HAPUS" }, /Permintaan HAPUS ini tidak kami jalankan/);
    expect(reasons.map((r) => r.why)).toEqual(["erasure", "erasure", "erasure"]);
    expect((await consent()).withdrawnAt).toBeNull();

    await mail.deliver({ from: PRAJA, to: BOT, subject: "hapus data saya", text: "HAPUS" });
    const confirmation = await nextMail(PRAJA, /Konfirmasi penghapusan data \[HAPUS [0-9a-z]+-[0-9a-f]{12}\]/);
    expect(confirmation.text).toMatch(/balas email ini dengan menulis HAPUS di baris pertama/);
    expect((await consent()).withdrawnAt).toBeNull();
    expect(await w.app.db.prisma.auditEvent.count({ where: { type: "erasure_confirmation_sent" } })).toBe(1);
    // The confirmation's reply itself must be authenticated: a forged one carrying the code is refused too.
    const forgedReply = await forgeThreeWays(replyOptions(PRAJA, confirmation, "HAPUS"), /Permintaan HAPUS ini tidak kami jalankan/);
    expect(forgedReply.map((r) => r.why)).toEqual(["erasure", "erasure", "erasure"]);
    expect((await consent()).withdrawnAt).toBeNull();

    await mail.deliver(replyOptions(PRAJA, confirmation, "HAPUS"));
    await nextMail(PRAJA, /Permintaan penghapusan data Anda telah dicatat/);
    expect((await consent()).withdrawnAt).not.toBeNull();
    await nextMail(KEPALA, /Permintaan penghapusan data dari klien \(Kasus #1\)/);
  }, 90_000);
});
