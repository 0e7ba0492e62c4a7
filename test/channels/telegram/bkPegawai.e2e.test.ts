// SOP Administrasi Layanan BK bagi Pegawai end to end over Telegram, the branches the praja walk does not take: a
// pegawai registers themselves in chat (so the staf still records rows 1-2), the Kepala Unit sends the supervision
// plan back at row 5 and the written report back at row 9; the Laporan Dokumen Hasil Pengawasan reaches the staf,
// the counsellor and the Kepala Unit, the Laporan Tertulis the Rektor, the counsellor uploads the psychologist's
// result at row 11; the pegawai hears of their counsellor and of the close.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../fakes/telegramBotApi.ts";
import { sopWalk } from "../../support/sopWalk.ts";
import { startTelegramWorld, type TelegramWorld } from "../../support/telegramService.ts";

const pegawai: FakeUser = { id: 8301, first_name: "Hendra" };
const konselor: FakeUser = { id: 8302, first_name: "Sari" };
const staf: FakeUser = { id: 8303, first_name: "Tono" };
const kasubbag: FakeUser = { id: 8304, first_name: "Budi" };
const kepala: FakeUser = { id: 8305, first_name: "Kepala" };
const rektor: FakeUser = { id: 8306, first_name: "Rektor" };

describe("Telegram: SOP Administrasi Layanan BK bagi Pegawai end to end", () => {
  let w: TelegramWorld;
  beforeAll(async () => {
    w = await startTelegramWorld();
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    await w.linkStaff(staf, { roles: ["staf"], name: "Tono (Staf)" });
    await w.linkStaff(kasubbag, { roles: ["kasubbag"], name: "Budi (Kasubbag)" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Dr. Kepala" });
    await w.linkStaff(rektor, { roles: ["rektor"], name: "Rektor IPDN" });
  }, 60_000);
  afterAll(async () => w?.close());

  it("self-registration, rows 1-12 with the plan sent back at row 5 and the report at row 9, documents and notices", async () => {
    const { tapStep, filesOf, waitForFiles, notices, stepRuns } = sopWalk(w);
    await w.say(pegawai, "/start", /Apakah Anda setuju/);
    await w.tap(pegawai, "Setuju", /mendaftar sebagai/);
    await w.tap(pegawai, "Pegawai", /nama lengkap/);
    await w.say(pegawai, "Hendra Gunawan", /NIP/);
    await w.say(pegawai, "198501012010011001", /unit kerja/);
    await w.say(pegawai, "Biro Umum", /Nomor HP/);
    await w.tap(pegawai, "Lewati", /email/i);
    await w.tap(pegawai, "Lewati", /keluhan/);
    await w.say(pegawai, "Beban kerja membuat saya sulit tidur.", /Tercatat/);
    await w.tap(pegawai, "Selesai", /Periksa data/);
    const opened = await w.tap(pegawai, "Kirim", /Kasus #1\b/);
    // A self-registration is not the staf's recording: rows 1-2 wait for the staf.
    expect(opened.text).toMatch(/Berikutnya: Mendata Pegawai yang perlu dikonseling/);

    await tapStep(staf, 1, "1", "Selesai", /Kasus #1[\s\S]*Langkah 2: Pegawai datang/);
    await tapStep(staf, 1, "2", "Selesai", /Kasus #1[\s\S]*Langkah 3: Konselor intake awal/, konselor);
    await tapStep(konselor, 1, "3", "Selesai", /Kasus #1[\s\S]*Langkah 3: Rencana penanganan lisan/);
    const writePlan = async (text: string) => {
      await tapStep(konselor, 1, "3", "Selesai", /Tuliskan isi rencana\/laporan/);
      await w.say(konselor, text, /Kasus #1[\s\S]*Langkah 4: Melaporkan rencana penanganan/, kasubbag);
    };
    await writePlan("Konseling mingguan; atasan memantau beban kerja.");
    await tapStep(kasubbag, 1, "4", "Teruskan ke Kepala Unit", /Kasus #1[\s\S]*Langkah 5: Menerima laporan tentang rencana pengawasan/, kepala);
    // Row 5 sent back: the plan goes back to the counsellor (3b), then up again through the Kasubbag.
    await tapStep(kepala, 1, "5", "Kembalikan rencana ke konselor", /Tuliskan alasan revisi/);
    await w.say(kepala, "Tentukan siapa yang mengawasi.", /Kasus #1[\s\S]*Langkah 3: Rencana penanganan lisan/, konselor);
    await writePlan("Konseling mingguan; Kepala Biro Umum mengawasi beban kerja.");
    await tapStep(kasubbag, 1, "4", "Teruskan ke Kepala Unit", /Kasus #1[\s\S]*Langkah 5: Menerima laporan/, kepala);
    await tapStep(kepala, 1, "5", "Setujui dan koordinasikan dengan unit terkait", /Kasus #1[\s\S]*Langkah 6: Melakukan pengawasan/, staf);
    await waitForFiles(staf, 1, ["kasus-1-laporan-rencana-pengawasan.pdf"]);

    // Row 6: the related unit's report, written by the staf who records it.
    await tapStep(staf, 1, "6", "Selesai", /Tuliskan isi rencana\/laporan/);
    await w.say(staf, "Beban kerja dikurangi; pegawai hadir tepat waktu.", /Kasus #1[\s\S]*Langkah 7: Meneruskan hasil pengawasan/);
    const hasil = "kasus-1-laporan-dokumen-hasil-pengawasan.pdf";
    await tapStep(staf, 1, "7", "Selesai", /Kasus #1[\s\S]*Langkah 8: Konselor menelaah kembali/, konselor);
    const review = async (text: string) => {
      await tapStep(konselor, 1, "8", "Selesai", /Tuliskan isi rencana\/laporan/);
      await w.say(konselor, text, /Kasus #1[\s\S]*Langkah 9: Membuat laporan secara tertulis/, kepala);
    };
    await review("Pegawai membaik.");
    // Row 9 sent back: the review goes back to the counsellor (8).
    await tapStep(kepala, 1, "9", "Kembalikan ke konselor", /Tuliskan alasan revisi/);
    await w.say(kepala, "Sertakan hasil pemeriksaan psikolog.", /Kasus #1[\s\S]*Langkah 8: Konselor menelaah kembali/, konselor);
    await review("Pegawai membaik; pemeriksaan psikolog tidak menemukan gangguan.");
    await tapStep(kepala, 1, "9", "Kirim laporan tertulis ke Rektor", /Kasus #1[\s\S]*Langkah 10: Memberikan disposisi/, rektor);
    await tapStep(rektor, 1, "10", "Selesai", /Tuliskan disposisi/);
    await w.say(rektor, "Pantau tiga bulan ke depan.", /Kasus #1[\s\S]*Langkah 11: Melaksanakan perintah disposisi/, konselor);
    // Row 11: the psychologist's result, uploaded by the counsellor (a photo of the letter will do).
    await tapStep(konselor, 1, "11", "Selesai", /Kirim berkas Dokumen Hasil Pemeriksaan oleh Psikolog/);
    const n = w.count(staf);
    w.fake.userSendsPhoto(konselor, { bytes: Buffer.from("fake-jpeg-hasil"), caption: "Hasil pemeriksaan psikolog." });
    await w.waitForMessage(staf, /Kasus #1[\s\S]*Langkah 12: Mengarsipkan/, { after: n });
    await tapStep(staf, 1, "12", "Selesai", /Kasus #1 telah selesai dan diarsipkan/, pegawai);

    expect(await stepRuns(1)).toEqual([
      "s1:done",
      "s2:done",
      "s3a:done",
      "s3b:done",
      "s4:approve",
      "s5:revise",
      "s3b:done",
      "s4:approve",
      "s5:approve",
      "s6:done",
      "s7:done",
      "s8:done",
      "s9:revise",
      "s8:done",
      "s9:approve",
      "s10:done",
      "s11:done",
      "s12:done",
    ]);
    await waitForFiles(staf, 1, ["kasus-1-laporan-rencana-pengawasan.pdf", hasil, "kasus-1-disposisi.pdf", "kasus-1-dokumen-hasil-pemeriksaan.jpg"]);
    await waitForFiles(konselor, 1, ["kasus-1-formulir-pendaftaran-konseling.pdf", hasil, "kasus-1-disposisi.pdf"]);
    // Each version of the review reached the Kepala Unit; the Rektor got the Laporan Tertulis.
    await waitForFiles(kepala, 1, [hasil, hasil]);
    await waitForFiles(rektor, 1, ["kasus-1-laporan-tertulis.pdf"]);
    expect(filesOf(rektor, 1)).toEqual(["kasus-1-laporan-tertulis.pdf"]);
    expect(filesOf(kasubbag, 1)).toEqual([]);
    expect(notices(pegawai, 1).map((t) => t.split(" | ")[0])).toEqual([
      "Terima kasih. Pendaftaran Anda diterima sebagai Kasus #1.",
      "Kasus #1: sedang diproses — Konselor intake awal, mengisi biodata, menentukan prognosa.",
      "Kasus #1 telah selesai dan diarsipkan. Terima kasih.",
    ]);
    expect(notices(pegawai, 1)[1]).toContain("Konselor Anda: Dra. Sari.");
  }, 120_000);
});
