// Counselling data at rest: after a full flow (registration, complaint, relayed messages both ways, a
// revision reason, a plan, a report, a disposisi, the PDFs), none of the test's complaint text, names or
// numbers appear in plaintext in the SQLite files or in a PostgreSQL dump. Nor does what says who is in
// counselling (issue 15 item 7): the Telegram chat ids, WhatsApp JIDs and email addresses that wrote, the names of
// the files they sent, a session's meeting link and code, and the invite codes redeemed, on every channel.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { issueInvite } from "../../src/store/inviteCodes.ts";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { FakeWhatsApp } from "../fakes/whatsappSocket.ts";
import { emailChannelEnv, mailReader, mailServerUnavailable, startMailServer, type MailServer } from "../support/mailServer.ts";
import { canTest, type DbKind } from "../support/databases.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitFor } from "../support/waitFor.ts";
import { fakeBaileysSocket, WHATSAPP_UNPACED_ENV } from "../support/whatsappWorld.ts";

const SECRETS = {
  name: "Ratna Kusumawardani",
  npp: "31.9876",
  phone: "081299887766",
  email: "ratna.k@contoh.id",
  complaint: "Saya sering mimpi buruk tentang orang tua saya",
  relayIn: "Terima kasih Bu, saya lega sekali",
  relayOut: "Ratna, mari kita bertemu Kamis",
  plan: "Konseling kognitif perilaku delapan sesi",
  report: "Gejala kecemasan menurun setelah empat sesi",
  disposisi: "Teruskan pendampingan hingga semester genap",
  counsellor: "Dra. Wulandari Pratiwi",
  fileName: "hasil-tes-MMPI-ratna.pdf",
  chatId: "7140025931",
  counsellorChatId: "7140025932",
};
/** The ways the numbers can be written in storage. */
const NEEDLES = [...Object.values(SECRETS), "319876", "+6281299887766", "6281299887766", "Kusumawardani"];

async function fullFlow(w: TelegramWorld) {
  const praja: FakeUser = { id: Number(SECRETS.chatId), first_name: "Ratna" };
  const konselor: FakeUser = { id: Number(SECRETS.counsellorChatId), first_name: "W" };
  const staf: FakeUser = { id: 9903, first_name: "B" };
  const kepala: FakeUser = { id: 9904, first_name: "K" };
  const rektor: FakeUser = { id: 9905, first_name: "R" };
  await w.linkStaff(konselor, { roles: ["konselor"], name: SECRETS.counsellor });
  await w.linkStaff(staf, { roles: ["staf"], name: "Budi Staf" });
  await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala Unit" });
  await w.linkStaff(rektor, { roles: ["rektor"], name: "Rektor" });
  await w.say(praja, "/start", /setuju/i);
  await w.tap(praja, "Setuju", /mendaftar sebagai/);
  await w.tap(praja, "Praja", /nama lengkap/);
  await w.say(praja, SECRETS.name, /NPP/);
  await w.say(praja, SECRETS.npp, /Tingkat/);
  await w.tap(praja, "II", /kelas/);
  await w.say(praja, "A1", /kampus/i);
  await w.tap(praja, "Jatinangor", /Nomor HP/);
  await w.say(praja, SECRETS.phone, /email/i);
  await w.say(praja, SECRETS.email, /keluhan/);
  await w.say(praja, SECRETS.complaint, /Tercatat/);
  await w.tap(praja, "Selesai", /Periksa data/);
  await w.tap(praja, "Kirim", /Kasus #1/);
  const card = await w.waitForMessage(konselor, /Kasus #1 baru untuk Anda/);
  let n = w.count(praja);
  w.fake.userReplies(konselor, card.message_id, SECRETS.relayOut);
  await w.waitForMessage(praja, new RegExp(SECRETS.relayOut), { after: n });
  n = w.count(konselor);
  w.fake.userSends(praja, SECRETS.relayIn);
  await w.waitForMessage(konselor, new RegExp(SECRETS.relayIn), { after: n });
  w.fake.userSendsDocument(praja, { fileName: SECRETS.fileName, bytes: "%PDF-1.4 hasil tes", mimeType: "application/pdf" });
  await waitFor("the document relayed and kept with its name", async () =>
    (await w.app.db.prisma.message.findMany({ select: { attachJson: true } })).some((m) => m.attachJson.includes(SECRETS.fileName)),
  );
  await w.press(staf, "Selesai");
  await w.waitForMessage(konselor, /Langkah 3: Konselor intake awal/);
  await w.tap(konselor, "Selesai", /Langkah 3: Rencana/);
  await w.tap(konselor, "Selesai", /Tuliskan isi rencana/);
  await w.say(konselor, SECRETS.plan, /Langkah 4/, kepala);
  await w.tap(kepala, "Setujui rencana penanganan", /Langkah 5/, konselor);
  await w.tap(konselor, "Selesai", /Langkah 6/);
  await w.tap(konselor, "Selesai", /Tuliskan isi rencana/);
  await w.say(konselor, SECRETS.report, /Langkah 7/, kepala);
  await w.tap(kepala, "Kirim laporan ke Rektor", /Langkah 8/, rektor);
  await w.tap(rektor, "Selesai", /Tuliskan disposisi/);
  await w.say(rektor, SECRETS.disposisi, /Langkah 9/, konselor);
  // Every document rendered, every message sent: nothing left in flight.
  const until = Date.now() + 20_000;
  while ((await w.app.db.prisma.document.count({ where: { status: { not: "ready" } } })) > 0 && Date.now() < until)
    await new Promise((r) => setTimeout(r, 100));
  expect(await w.app.db.prisma.document.count({ where: { status: "ready" } })).toBeGreaterThanOrEqual(4);
}

function found(haystack: Buffer, needles: readonly string[]): string[] {
  const text = haystack.toString("latin1");
  const utf16 = haystack.toString("utf16le");
  return needles.filter((needle) => text.includes(needle) || utf16.includes(needle) || haystack.includes(Buffer.from(needle, "utf8")));
}

/** The needles found in the stored bytes: the SQLite files once the service closed them, or a pg_dump of the data. */
async function storedNeedles(w: TelegramWorld, needles: readonly string[]): Promise<string[]> {
  if (w.target.kind === "sqlite") {
    await w.stopService(); // closes the database: the WAL is checkpointed into the file
    const dir = dirname(w.target.file);
    const files = readdirSync(dir).filter((f) => f.startsWith("test.db"));
    expect(files.length).toBeGreaterThan(0);
    return files.flatMap((f) => found(readFileSync(`${dir}/${f}`), needles).map((n) => `${f}: ${n}`));
  }
  const pgDump = execFileSync("bash", ["-c", "ls /usr/lib/postgresql/*/bin/pg_dump | sort -V | tail -n1"]).toString().trim();
  const url = new URL(w.target.url);
  const dump = execFileSync(
    pgDump,
    ["--data-only", "--no-owner", "-h", url.hostname, "-p", url.port, "-U", decodeURIComponent(url.username || "postgres"), url.pathname.slice(1)],
    { maxBuffer: 256 * 1024 * 1024 },
  );
  expect(dump.length).toBeGreaterThan(1000);
  return found(dump, needles);
}

describe.each(["sqlite", "postgres"] as DbKind[])("no plaintext at rest on %s", (kind) => {
  if (!canTest(kind)) return void it.skip("PostgreSQL: set PINTU_TEST_PG_URL (.ci/run does)", () => {});
  let w: TelegramWorld;
  afterAll(async () => w?.close());

  it("keeps the complaint, names and numbers out of the stored bytes after a full flow", async () => {
    w = await startTelegramWorld({ kind });
    await fullFlow(w);
    // The values are there, readable through the product...
    const c = await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 } });
    expect(c.intakeJson).toContain(SECRETS.complaint);
    const stored = await w.app.db.raw.case.findUniqueOrThrow({ where: { number: 1 } });
    expect(stored.intakeJson).toMatch(/^enc:v1:/);
    const identity = await w.app.db.prisma.channelIdentity.findUniqueOrThrow({ where: { channel_address: { channel: "telegram", address: SECRETS.chatId } } });
    expect(identity.address).toBe(SECRETS.chatId);
    // ...and nowhere in what is stored.
    expect(await storedNeedles(w, NEEDLES)).toEqual([]);
  }, 120_000);
});

/** Who writes on the other channels, what they send, and the session they are given: none of it may be stored readable. */
const CHANNEL_SECRETS = {
  clientJid: "6289911223344@s.whatsapp.net",
  staffJid: "6281177665544@s.whatsapp.net",
  clientEmail: "pasien.rahasia@test.local",
  waFileName: "rujukan-psikiater-wulan.pdf",
  mailFileName: "surat-keterangan-psikolog-ayu.pdf",
  meetUrl: "https://meet.google.com/qwe-rtyu-iop",
  meetingCode: "qwe-rtyu-iop",
};
/** Each secret, and the forms its parts are found by (a JID's number, an address's local part). */
const CHANNEL_NEEDLES = [...Object.values(CHANNEL_SECRETS), "6289911223344", "6281177665544", "pasien.rahasia"];

describe.each(["sqlite", "postgres"] as DbKind[])("no chat address, file name, meeting link or code at rest on %s, on every channel", (kind) => {
  if (!canTest(kind)) return void it.skip("PostgreSQL: set PINTU_TEST_PG_URL (.ci/run does)", () => {});
  if (mailServerUnavailable !== null && !process.env.CI) return void it.skip(`email: ${mailServerUnavailable}`, () => {});
  let w: TelegramWorld;
  let mail: MailServer;
  const wa = new FakeWhatsApp();
  afterAll(async () => {
    await w?.close();
    await mail?.stop();
  });

  it("keeps Telegram chat ids, WhatsApp JIDs, email addresses, attachment names, the meeting link and invite codes out of the stored bytes", async () => {
    mail = await startMailServer({ users: ["bot", "pasien.rahasia"] });
    const socket = fakeBaileysSocket(wa);
    w = await startTelegramWorld({
      kind,
      env: { ...emailChannelEnv(mail, "bot@test.local"), ...WHATSAPP_UNPACED_ENV },
      service: { whatsappSocket: socket },
    });
    wa.open();
    const db = w.app.db.prisma;

    // A staff member links their WhatsApp with an invite code; a client writes and sends a file.
    const invite = await issueInvite(db, { orgId: "ipdn", role: "konselor", name: "Dra. Sari", ttlHours: 1, now: new Date() });
    wa.userSends(CHANNEL_SECRETS.staffJid, `/start ${invite.code}`);
    await waitFor("the staff JID linked", async () => (await db.inviteCode.findFirstOrThrow({ where: { personId: invite.personId } })).usedAt !== null);
    wa.userSends(CHANNEL_SECRETS.clientJid, "Halo, saya mau konseling");
    await waitFor("the WhatsApp client asked for consent", () => wa.textsSentTo(CHANNEL_SECRETS.clientJid).some((t) => /setuju/i.test(t)));
    wa.userSendsDocument(CHANNEL_SECRETS.clientJid, {
      bytes: Buffer.from("%PDF-1.4 rujukan"),
      fileName: CHANNEL_SECRETS.waFileName,
      mimetype: "application/pdf",
    });
    // A client emails with an attachment.
    await mail.deliver({
      from: CHANNEL_SECRETS.clientEmail,
      to: "bot@test.local",
      subject: "Butuh konseling",
      text: "Selamat pagi, saya ingin konseling.",
      attachments: [{ filename: CHANNEL_SECRETS.mailFileName, content: Buffer.from("%PDF-1.4 surat") }],
    });
    await mailReader(mail).nextMail(CHANNEL_SECRETS.clientEmail, /formulir/i);
    // A session with its Meet link, written as the scheduler writes it.
    const client = await db.channelIdentity.findFirst({ where: { channel: "telegram" }, select: { personId: true } });
    const counsellor = await db.inviteCode.findFirstOrThrow({ where: { personId: invite.personId }, select: { personId: true, usedBy: true } });
    expect(counsellor.usedBy).toBe(`whatsapp:${CHANNEL_SECRETS.staffJid}`);
    const c = await db.case.create({
      data: { number: 1, orgId: "ipdn", flowId: "bk_praja", clientId: client?.personId ?? counsellor.personId, status: "open" },
    });
    const startsAt = new Date(Date.UTC(2030, 0, 7, 3));
    await db.appointment.create({
      data: {
        caseId: c.id,
        counsellorId: counsellor.personId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 3_600_000),
        meetUrl: CHANNEL_SECRETS.meetUrl,
        meetingCode: CHANNEL_SECRETS.meetingCode,
        status: "booked",
      },
    });

    // Everything is readable through the product...
    const byJid = await db.channelIdentity.findUniqueOrThrow({ where: { channel_address: { channel: "whatsapp", address: CHANNEL_SECRETS.staffJid } } });
    expect(byJid.address).toBe(CHANNEL_SECRETS.staffJid);
    expect(await db.channelContact.count({ where: { channel: "email", address: CHANNEL_SECRETS.clientEmail } })).toBe(1);
    expect(await db.dialogState.count({ where: { channel: "whatsapp", address: CHANNEL_SECRETS.clientJid } })).toBe(1);
    expect((await db.appointment.findFirstOrThrow({ where: { caseId: c.id } })).meetUrl).toBe(CHANNEL_SECRETS.meetUrl);
    await waitFor("the file names kept", async () =>
      (await db.storedFile.findMany({ select: { name: true } })).some((f) => f.name === CHANNEL_SECRETS.waFileName),
    );
    // ...and none of it, nor the invite code, in what is stored.
    expect(await storedNeedles(w, [...CHANNEL_NEEDLES, invite.code])).toEqual([]);
  }, 120_000);
});
