// SOP Administrasi Layanan BK Praja end to end over Telegram: the staff (here the Kasubbag, who also holds
// the staf role) registers a walk-in praja from chat (rows 1-2), the praja links their own Telegram with the code
// and consents, and the case goes through the counsellor, the Kasubbag, the Kepala Unit, the related unit's
// supervision (written by the staff who record it, with its report file), the Laporan Dokumen Hasil Pengawasan
// to the staf, the counsellor and the Kepala Unit, the Laporan Tertulis to the Rektor, the Rektor's disposisi, the
// psychologist's result uploaded by the counsellor (row 11), to the archive.
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../fakes/telegramBotApi.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../../support/telegramService.ts";

const praja: FakeUser = { id: 3001, first_name: "Rudi" };
const konselor: FakeUser = { id: 3002, first_name: "Sari" };
const kasubbag: FakeUser = { id: 3003, first_name: "Budi" };
const kepala: FakeUser = { id: 3004, first_name: "Kepala" };
const rektor: FakeUser = { id: 3005, first_name: "Rektor" };

describe("Telegram: SOP Administrasi Layanan BK Praja end to end", () => {
  let w: TelegramWorld;
  beforeAll(async () => {
    w = await startTelegramWorld();
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    await w.linkStaff(kasubbag, { roles: ["kasubbag", "staf"], name: "Budi" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Dr. Kepala" });
    await w.linkStaff(rektor, { roles: ["rektor"], name: "Rektor" });
  });
  afterAll(async () => w?.close());

  const say = (user: FakeUser, text: string, expected: RegExp, who?: FakeUser) => w.say(user, text, expected, who);
  /** The documents `user` received, by file name, in order. */
  const files = (user: FakeUser) => w.fake.sentTo(user.id).flatMap((m) => (m.document?.file_name ? [m.document.file_name] : []));
  /** Waits until `user` has received a document with this file name (the worker sends it after the commit). */
  const waitForFile = async (user: FakeUser, name: string) => {
    for (let i = 0; i < 400 && !files(user).includes(name); i++) await new Promise((r) => setTimeout(r, 20));
    expect(files(user), user.first_name).toContain(name);
  };
  const tap = (user: FakeUser, label: string | RegExp, expected: RegExp, who?: FakeUser) => w.tap(user, label, expected, who);
  /** The step's task reaches `who` with exactly these buttons, and nobody else among the staff. */
  const expectTaskOnlyFor = (who: FakeUser, step: RegExp) => {
    for (const other of [konselor, kasubbag, kepala, rektor].filter((u) => u !== who)) {
      expect(
        w.fake.sentTo(other.id).some((m) => step.test(m.text ?? "")),
        `user ${other.first_name} should not get ${step}`,
      ).toBe(false);
    }
  };

  let code = "";
  it("staff registers a walk-in praja from chat and gets a one-time code for the praja", async () => {
    const menu = await say(kasubbag, "/kasusbaru", /Buka kasus baru pada SOP/);
    expect(buttonsOf(menu).map((b) => b.text)).toEqual([
      "Administrasi Layanan Bimbingan dan Konseling bagi Pegawai",
      "Administrasi Layanan Bimbingan dan Konseling Praja",
      "Administrasi Pelaksanaan Terapi bagi Praja dan Pegawai",
    ]);
    await tap(kasubbag, "Administrasi Layanan Bimbingan dan Konseling Praja", /Nama lengkap klien/);
    await say(kasubbag, "Rudi Hartono", /NPP praja/);
    await say(kasubbag, "32.0789", /Tingkat praja/);
    await tap(kasubbag, "I", /Kelas atau wisma/);
    await say(kasubbag, "Wisma Sumatera", /Kampus praja/);
    await tap(kasubbag, "Jatinangor", /keluhan atau alasan klien/);
    await say(kasubbag, "Sering tidak masuk apel pagi, tampak murung.", /Tercatat/);
    const summary = await tap(kasubbag, "Selesai", /Periksa data/);
    expect(summary.text).not.toMatch(/Nomor HP|Email/);
    const opened = await tap(kasubbag, "Kirim", /Kasus #1 dibuka/);
    code = /kode ini kepadanya: ([A-Z0-9]+)/.exec(opened.text ?? "")![1]!;
    expect(code).toMatch(/^[A-Z0-9]{10}$/);
    // Registering the praja was steps 1 (Mendata Praja) and 2 (the praja came and was recorded): the counsellor is next.
    expect(opened.text).toMatch(/Berikutnya: Konselor intake awal/);
    await w.waitForMessage(konselor, /Kasus #1 baru untuk Anda[\s\S]*NPP: 32\.0789/);
  });

  it("the praja links their Telegram with the code after consenting; the code works once", async () => {
    const consent = await say(praja, `/start ${code}`, /Apakah Anda setuju/);
    expect(buttonsOf(consent).map((b) => b.text)).toEqual(["Setuju", "Tidak setuju"]);
    const linked = await tap(praja, "Setuju", /terhubung dengan Kasus #1/);
    expect(linked.text).toMatch(/Sekarang: Konselor intake awal/);
    // The praja's counsellor took the case at the registration: the link tells them who it is (a milestone).
    expect(linked.text).toContain("Konselor Anda: Dra. Sari.");

    const intruder: FakeUser = { id: 3999, first_name: "X" };
    await say(intruder, `/start ${code}`, /Kode tidak dapat digunakan/);
  });

  it("moves along the SOP with each role's buttons, revision, recorded supervision with its report, disposisi, archive", async () => {
    // Steps 1 and 2 were the registration: nobody got a task for them, the counsellor has step 3.
    await w.waitForMessage(konselor, /Langkah 3: Konselor intake awal/);
    expectTaskOnlyFor(konselor, /Langkah 3: Konselor intake awal/);
    for (const staff of [konselor, kasubbag, kepala, rektor]) expect(w.fake.sentTo(staff.id).some((m) => /Langkah [12]:/.test(m.text ?? ""))).toBe(false);

    // The counsellor talks with the praja in the meantime.
    const card = await w.waitForMessage(konselor, /Kasus #1 baru untuk Anda/);
    let n = w.count(praja);
    w.fake.userReplies(konselor, card.message_id, "Rudi, mari bertemu di ruang BK jam 10.");
    await w.waitForMessage(praja, /Konselor \(Kasus #1\):\nRudi, mari bertemu/, { after: n });

    await tap(konselor, "Selesai", /Langkah 3: Rencana penanganan lisan kepada Kasubbag/, konselor);
    await tap(konselor, "Selesai", /Tuliskan isi rencana\/laporan/);
    const approval = await say(konselor, "Konseling mingguan; wali asuh memantau kehadiran apel.", /Langkah 4: Melaporkan rencana penanganan/, kasubbag);
    expect(buttonsOf(approval).length).toBe(2);
    expectTaskOnlyFor(kasubbag, /Langkah 4: Melaporkan rencana penanganan/);

    // The Kasubbag sends the plan back once, with a reason the counsellor then sees.
    await tap(kasubbag, /revisi|Kembalikan/i, /alasan revisi/);
    n = w.count(konselor);
    w.fake.userSends(kasubbag, "Sertakan jadwal pengawasan.");
    const again = await w.waitForMessage(konselor, /Langkah 3: Rencana penanganan/, { after: n });
    expect(again.text).toContain("Sertakan jadwal pengawasan.");
    await tap(konselor, "Selesai", /Tuliskan isi rencana\/laporan/);
    await say(konselor, "Konseling mingguan dengan jadwal pengawasan harian oleh wali asuh.", /Langkah 4: Melaporkan rencana penanganan/, kasubbag);
    await tap(kasubbag, /Setuj|Teruskan/i, /Langkah 5:/, kepala);
    expectTaskOnlyFor(kepala, /Langkah 5:/);

    // Step 6 is the related unit's supervision: recorded by the staf with the report file.
    await tap(kepala, /Setuj/i, /Langkah 6: Melakukan pengawasan/, kasubbag);
    // The accepted plan goes to the staf recording the supervision as the Laporan Rencana Pengawasan, with the counsellor's text.
    const rencana = await w.waitForMessage(kasubbag, /^Kasus #1: Laporan Rencana Pengawasan/);
    expect(rencana.document?.file_name).toBe("kasus-1-laporan-rencana-pengawasan.pdf");
    const doc = await w.app.db.prisma.document.findFirstOrThrow({ where: { kind: "laporan_rencana_pengawasan" } });
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(doc.content!)), { mergePages: true });
    expect(text).toContain("jadwal pengawasan harian oleh wali asuh");
    // The related unit's report is written by the staf who records it (its file may come along, the text as its caption):
    // it becomes the Laporan Dokumen Hasil Pengawasan, rows 6-8's document.
    await tap(kasubbag, "Selesai", /Tuliskan isi rencana\/laporan/);
    n = w.count(kasubbag);
    w.fake.userSendsDocument(kasubbag, {
      fileName: "laporan-pengawasan.pdf",
      bytes: "%PDF-1.4 laporan",
      mimeType: "application/pdf",
      caption: "Praja hadir apel setiap pagi selama tiga hari pengawasan.",
    });
    await w.waitForMessage(kasubbag, /Langkah 7: Meneruskan hasil pengawasan/, { after: n });
    const s6 = await w.app.db.prisma.stepRun.findFirstOrThrow({ where: { stepId: "s6" } });
    expect(s6.outputDocId).toMatch(/^telegram:/);
    expect(s6.note).toBe("Praja hadir apel setiap pagi selama tiga hari pengawasan.");
    const hasil = "kasus-1-laporan-dokumen-hasil-pengawasan.pdf";
    await waitForFile(kasubbag, hasil);

    await tap(kasubbag, "Selesai", /Langkah 8: Konselor menelaah kembali/, konselor);
    await waitForFile(konselor, hasil);
    await tap(konselor, "Selesai", /Tuliskan isi rencana\/laporan/);
    await say(konselor, "Praja kembali disiplin; tidak perlu rujukan psikiater.", /Langkah 9: Membuat laporan secara tertulis/, kepala);
    // The Kepala Unit gets the Laporan Dokumen Hasil Pengawasan with the counsellor's review (row 8's output).
    await waitForFile(kepala, hasil);
    const reviewed = await w.app.db.prisma.document.findFirstOrThrow({ where: { kind: "laporan_hasil_pengawasan" }, orderBy: { createdAt: "desc" } });
    const review = (await extractText(await getDocumentProxy(new Uint8Array(reviewed.content!)), { mergePages: true })).text;
    expect(review).toContain("Praja hadir apel setiap pagi selama tiga hari pengawasan.");
    expect(review).toContain("Praja kembali disiplin; tidak perlu rujukan psikiater.");
    expect(await w.app.db.prisma.document.count({ where: { kind: "laporan_hasil_pengawasan" } })).toBe(3);

    // Row 9's output is the Laporan Tertulis to the Rektor (no Nota Dinas: the BK SOP names none).
    await tap(kepala, "Kirim laporan tertulis ke Rektor", /Langkah 10: Memberikan disposisi/, rektor);
    await waitForFile(rektor, "kasus-1-laporan-tertulis.pdf");
    expectTaskOnlyFor(rektor, /Langkah 10: Memberikan disposisi/);
    await tap(rektor, "Selesai", /Tuliskan disposisi/);
    n = w.count(konselor);
    w.fake.userSends(rektor, "Dampingi praja sampai akhir semester.");
    const s11 = await w.waitForMessage(konselor, /Langkah 11: Melaksanakan perintah disposisi/, { after: n });
    expect(s11.text).toContain("Dampingi praja sampai akhir semester.");
    // Row 11's output is the psychologist's examination result, written elsewhere: the counsellor sends the file.
    await tap(konselor, "Selesai", /Kirim berkas Dokumen Hasil Pemeriksaan oleh Psikolog untuk Kasus #1/);
    await say(konselor, "Hasilnya terlampir.", /Langkah ini memerlukan berkasnya/);
    n = w.count(kasubbag);
    w.fake.userSendsDocument(konselor, { fileName: "hasil-pemeriksaan-rudi.pdf", bytes: "%PDF-1.4 hasil pemeriksaan psikolog", mimeType: "application/pdf" });
    await w.waitForMessage(kasubbag, /Langkah 12: Mengarsipkan/, { after: n });
    await waitForFile(kasubbag, "kasus-1-dokumen-hasil-pemeriksaan.pdf");
    const upload = await w.app.db.prisma.document.findFirstOrThrow({ where: { kind: "dokumen_hasil_pemeriksaan" } });
    expect(upload).toMatchObject({ status: "ready", title: "Dokumen Hasil Pemeriksaan oleh Psikolog", mimeType: "application/pdf" });
    expect(Buffer.from(upload.content!).toString()).toBe("%PDF-1.4 hasil pemeriksaan psikolog");
    n = w.count(praja);
    await w.press(kasubbag, "Selesai");
    await w.waitForMessage(praja, /Kasus #1 telah selesai dan diarsipkan/, { after: n });

    // Who received which document.
    expect(files(konselor)).toEqual(["kasus-1-formulir-pendaftaran-konseling.pdf", hasil, "kasus-1-disposisi.pdf"]);
    expect(files(kasubbag)).toEqual(["kasus-1-laporan-rencana-pengawasan.pdf", hasil, "kasus-1-disposisi.pdf", "kasus-1-dokumen-hasil-pemeriksaan.pdf"]);
    expect(files(kepala)).toEqual([hasil]);
    expect(files(rektor)).toEqual(["kasus-1-laporan-tertulis.pdf"]);
    // The praja heard of the link and of the close, not of the reporting chain (was: every step).
    expect(
      w.fake
        .sentTo(praja.id)
        .filter((m) => /Kasus #1/.test(m.text ?? ""))
        .map((m) => (m.text ?? "").split("\n")[0]),
    ).toEqual([
      "Terima kasih. Percakapan ini sekarang terhubung dengan Kasus #1.",
      "Konselor (Kasus #1):",
      "Kasus #1 telah selesai dan diarsipkan. Terima kasih.",
    ]);

    const c = await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 }, include: { stepRuns: { orderBy: { askedAt: "asc" } } } });
    expect(c.status).toBe("archived");
    expect(c.stepRuns.map((r) => r.stepId)).toEqual(["s1", "s2", "s3a", "s3b", "s4", "s3b", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "s12"]);
  });
});
