// SOP Layanan Konsultasi Konseling Online bagi Praja, end to end over the real telegraf client and the
// fake Bot API server: a praja registers in chat, and the case moves through the konselor, staf (held by
// the kasubbag), kepala unit and rektor, with buttons, the plan and the report each sent back once with the
// reason, the plan's copy to the Kasubbag (row 3: "kepada Kasubbag"), relayed messages both ways and a
// disposisi, to the archive step; the praja hears of their counsellor and of the close only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../fakes/telegramBotApi.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../../support/telegramService.ts";
import { waitForOutboxSettled } from "../../support/outboxSettled.ts";
import { waitFor } from "../../support/waitFor.ts";

const praja: FakeUser = { id: 1001, first_name: "Ana" };
const konselor: FakeUser = { id: 2001, first_name: "Sari" };
const kasubbag: FakeUser = { id: 2002, first_name: "Budi" };
const kepala: FakeUser = { id: 2003, first_name: "Kepala" };
const rektor: FakeUser = { id: 2004, first_name: "Rektor" };

describe("Telegram: SOP Konseling Online Praja end to end", () => {
  let w: TelegramWorld;
  beforeAll(async () => {
    w = await startTelegramWorld();
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    await w.linkStaff(kasubbag, { roles: ["kasubbag", "staf"], name: "Budi (Kasubbag)" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala Unit" });
    await w.linkStaff(rektor, { roles: ["rektor"], name: "Rektor IPDN" });
  });
  afterAll(async () => w?.close());

  const say = (user: FakeUser, text: string, expected: RegExp, who?: FakeUser) => w.say(user, text, expected, who);
  const tap = (user: FakeUser, label: string | RegExp, expected: RegExp, who?: FakeUser) => w.tap(user, label, expected, who);

  it("takes consent, biodata with a re-ask, and a complaint over several messages; opens the case", async () => {
    const consent = await say(praja, "/start", /Apakah Anda setuju\?/);
    expect(buttonsOf(consent).map((b) => b.text)).toEqual(["Setuju", "Tidak setuju"]);
    expect(consent.text).toMatch(/Yang dicatat/);
    expect(consent.text).toMatch(/\/hapus/);

    const kind = await tap(praja, "Setuju", /Anda mendaftar sebagai/);
    expect(buttonsOf(kind).map((b) => b.text)).toEqual(["Praja", "Pegawai"]);
    await tap(praja, "Praja", /nama lengkap/);
    await say(praja, "Ana Putri <b>", /Nama harus berupa huruf/);
    await say(praja, "Ana Putri", /NPP/);
    await say(praja, "abc", /NPP tidak dikenali/);
    const tingkat = await say(praja, "310456", /Tingkat berapa/);
    expect(buttonsOf(tingkat).map((b) => b.text)).toEqual(["I", "II", "III", "IV"]);
    await tap(praja, "II", /kelas atau wisma/);
    await say(praja, "Kelas A1, Wisma Bali", /kampus/);
    await tap(praja, "Jatinangor", /Nomor HP/);
    await tap(praja, "Lewati", /email/i);
    await say(praja, "bukan-email", /email tidak dikenali/);
    await say(praja, "Ana@Contoh.id", /Ceritakan keluhan/);
    await say(praja, "Saya sulit tidur sejak ujian & merasa <cemas>.", /Tercatat \(1 pesan\)/);
    await say(praja, "Nilai saya turun.", /Tercatat \(2 pesan\)/);
    const summary = await tap(praja, "Selesai", /Periksa data Anda/);
    expect(summary.text).toContain("NPP: 31.0456");
    expect(summary.text).toContain("Tingkat: II");
    expect(summary.text).toContain("Email: ana@contoh.id");
    expect(summary.text).toContain("Nomor HP: (tidak diisi)");
    // What the praja typed is escaped, never interpreted as HTML.
    expect(summary.text).toContain("merasa <cemas>");
    expect(summary.rawText).toContain("&lt;cemas&gt;");

    const opened = await tap(praja, "Kirim", /Kasus #1\b/);
    expect(opened.text).toMatch(/Berikutnya: .*oleh Staf, waktu baku 15 menit/s);

    // The counsellor gets the intake summary as the case card; the staf gets step 2 with its button.
    const card = await w.waitForMessage(konselor, /Kasus #1 baru untuk Anda/);
    expect(card.text).toContain("NPP: 31.0456");
    expect(card.text).toContain("Saya sulit tidur");
    const task2 = await w.waitForMessage(kasubbag, /Langkah 2: Menerima dan menyampaikan/);
    // The registration form reaches the counsellor (the input of their intake step) as a PDF.
    const form = await w.waitForMessage(konselor, /^Kasus #1: Formulir Pendaftaran Konseling/);
    expect(form.document?.file_name).toBe("kasus-1-formulir-pendaftaran-konseling.pdf");
    expect(buttonsOf(task2).map((b) => b.text)).toEqual(["Selesai"]);
    expect(task2.text).toMatch(/Waktu baku: 15 menit/);
    // Nobody else heard about step 2, and the kepala unit has no task yet.
    expect(w.fake.sentTo(kepala.id).filter((m) => /Kasus #1/.test(m.text ?? ""))).toHaveLength(0);
  });

  it("relays between counsellor and praja without exposing either account", async () => {
    const card = await w.waitForMessage(konselor, /Kasus #1 baru untuk Anda/);
    let before = w.count(praja);
    w.fake.userReplies(konselor, card.message_id, "Halo Ana, saya Sari. Kapan Anda bisa bicara?");
    const answer = await w.waitForMessage(praja, /Konselor \(Kasus #1\):/, { after: before });
    expect(answer.text).toContain("Halo Ana, saya Sari");
    expect(answer.text).not.toContain("Dra. Sari");
    await w.waitForMessage(konselor, /Terkirim ke klien Kasus #1/);

    let n = w.count(konselor);
    w.fake.userSends(praja, "Besok pagi bisa, Bu.");
    const forwarded = await w.waitForMessage(konselor, /Kasus #1 · pesan klien:\nBesok pagi bisa/, { after: n });
    before = w.count(praja);
    w.fake.userReplies(konselor, forwarded.message_id, "Baik, sampai besok.");
    await w.waitForMessage(praja, /Baik, sampai besok/, { after: before });

    before = w.count(praja);
    w.fake.userSends(konselor, "/balas 1 Jangan lupa istirahat.");
    await w.waitForMessage(praja, /Jangan lupa istirahat/, { after: before });

    // A photo from the praja reaches the counsellor as a photo, re-sent by file id.
    n = w.count(konselor);
    w.fake.userSendsPhoto(praja, { bytes: Buffer.from("fake-jpeg"), caption: "jadwal saya" });
    const photo = await w.waitForMessage(konselor, /jadwal saya/, { after: n });
    expect(photo.photo?.length).toBeGreaterThan(0);

    // A voice note too; and the counsellor's document, sent as a reply, reaches the praja as a document.
    n = w.count(konselor);
    w.fake.userSendsVoice(praja, { bytes: Buffer.from("OggS-fake-voice") });
    const voice = await w.waitForMessage(konselor, /Kasus #1 · pesan klien:\n\(lampiran\)/, { after: n });
    expect(voice.voice?.file_id).toBeTruthy();
    const card2 = await w.waitForMessage(konselor, /Kasus #1 baru untuk Anda/);
    n = w.count(praja);
    w.fake.userSendsDocument(konselor, {
      replyTo: card2.message_id,
      fileName: "latihan-napas.pdf",
      bytes: "%PDF-1.4 latihan",
      mimeType: "application/pdf",
      caption: "Coba latihan ini.",
    });
    const got = await w.waitForMessage(praja, /Konselor \(Kasus #1\):\nCoba latihan ini\./, { after: n });
    expect(got.document?.file_name).toBe("latihan-napas.pdf");
  });

  it("moves the case along the chain with buttons, including a revision with its reason, to the archive", async () => {
    // Step 2 (staf): done → the counsellor's step 3.
    await tap(kasubbag, "Selesai", /Langkah 3: Konselor intake awal/, konselor);
    // The task is edited by its own outbox row, which may go after the next step's message to another chat.
    expect((await w.waitForMessage(kasubbag, /Langkah 2[\s\S]*✓ Anda memilih: Selesai/)).reply_markup).toEqual({ inline_keyboard: [] });
    expect(buttonsOf(await w.waitForMessage(kasubbag, /Langkah 2/))).toEqual([]);

    await tap(konselor, "Selesai", /Langkah 3: Rencana penanganan/, konselor);
    // The plan is written when the step is recorded.
    await tap(konselor, "Selesai", /Tuliskan isi rencana\/laporan untuk Kasus #1/);
    const plan = await say(konselor, "Sesi konseling mingguan, latihan tidur teratur.", /Langkah 4: Melaporkan rencana/, kepala);
    expect(buttonsOf(plan).map((b) => b.text)).toEqual(["Setujui rencana penanganan", "Kembalikan rencana ke konselor"]);

    // Revision: the kepala unit is asked for the reason, and the counsellor sees it on the returned step.
    await tap(kepala, "Kembalikan rencana ke konselor", /Tuliskan alasan revisi untuk Kasus #1/);
    const before = w.count(konselor);
    w.fake.userSends(kepala, "Tambahkan jadwal sesi yang jelas.");
    const back = await w.waitForMessage(konselor, /Langkah 3: Rencana penanganan/, { after: before });
    expect(back.text).toContain("Catatan langkah sebelumnya: Tambahkan jadwal sesi yang jelas.");
    await w.waitForMessage(kepala, /Tercatat: Kasus #1, langkah 4 — Kembalikan rencana ke konselor/);

    await tap(konselor, "Selesai", /Tuliskan isi rencana/);
    await say(konselor, "Sesi konseling mingguan dengan jadwal Senin pukul 10.00.", /Langkah 4: Melaporkan rencana/, kepala);
    // Row 3's plan goes "kepada Kasubbag", who does not act next: a copy of each version, without buttons.
    const copies = w.fake.sentTo(kasubbag.id).filter((m) => /^Tembusan — Kasus #1/.test(m.text ?? ""));
    expect(copies.map((m) => m.text!.split("\n").slice(1, 3).join(" | "))).toEqual([
      "Langkah 3: Rencana penanganan secara online melalui media daring kepada Kasubbag. (oleh Konselor/Psikolog) | Isi:",
      "Langkah 3: Rencana penanganan secara online melalui media daring kepada Kasubbag. (oleh Konselor/Psikolog) | Isi:",
    ]);
    expect(copies.map((m) => m.text!.split("\n")[3])).toEqual([
      "Sesi konseling mingguan, latihan tidur teratur.",
      "Sesi konseling mingguan dengan jadwal Senin pukul 10.00.",
    ]);
    for (const copy of copies) expect(buttonsOf(copy)).toEqual([]);
    await tap(kepala, "Setujui rencana penanganan", /Langkah 5: Menerima laporan dan membuat janji/, konselor);
    await tap(konselor, "Selesai", /Langkah 6: Melakukan pengawasan/, konselor);
    await tap(konselor, "Selesai", /Tuliskan isi rencana\/laporan/);
    const report = await say(konselor, "Laporan: tidur membaik, nilai stabil; pengawasan selesai.", /Langkah 7: Membuat laporan/, kepala);
    // The counsellor's written report reaches the Kepala Unit as a PDF (Laporan Tertulis).
    const laporan = await w.waitForMessage(kepala, /^Kasus #1: Laporan Tertulis/);
    expect(laporan.document?.file_name).toBe("kasus-1-laporan-tertulis.pdf");
    expect(buttonsOf(report).map((b) => b.text)).toEqual(["Kirim laporan ke Rektor", "Kirim laporan ke Rektor + catatan", "Kembalikan ke konselor"]);
    // Row 7 sent back once: the counsellor writes the report again.
    await tap(kepala, "Kembalikan ke konselor", /Tuliskan alasan revisi untuk Kasus #1/);
    await say(kepala, "Sebutkan nilai semester ini.", /Langkah 6: Melakukan pengawasan/, konselor);
    await tap(konselor, "Selesai", /Tuliskan isi rencana\/laporan/);
    await say(konselor, "Laporan: tidur membaik, nilai semester stabil; pengawasan selesai.", /Langkah 7: Membuat laporan/, kepala);
    const disposisi = await tap(kepala, "Kirim laporan ke Rektor", /Langkah 8: Memberikan disposisi/, rektor);
    expect(buttonsOf(disposisi).map((b) => b.text)).toEqual(["Selesai"]);
    // The report goes up the chain: the Rektor receives the Nota Dinas with the Laporan Tertulis.
    await w.waitForMessage(rektor, /^Kasus #1: Nota Dinas/);
    const rektorFiles = () =>
      w.fake
        .sentTo(rektor.id)
        .map((m) => m.document?.file_name)
        .filter(Boolean);
    // Every document asked for made (its file is queued as it is marked ready) and everything queued sent: a late
    // duplicate of either file would be among the Rektor's by now.
    const unmade = () => w.app.db.prisma.document.count({ where: { status: { in: ["pending", "rendering"] } } });
    await waitFor("every document made", async () => (await unmade()) === 0, 15_000);
    await waitForOutboxSettled(w.app.db.prisma);
    expect(rektorFiles()).toEqual(["kasus-1-nota-dinas.pdf", "kasus-1-laporan-tertulis.pdf"]);

    await tap(rektor, "Selesai", /Tuliskan disposisi/);
    let n = w.count(konselor);
    w.fake.userSends(rektor, "Lanjutkan pendampingan dua minggu, laporkan hasilnya.");
    const step9 = await w.waitForMessage(konselor, /Langkah 9: Melaksanakan perintah disposisi/, { after: n });
    expect(step9.text).toContain("Lanjutkan pendampingan dua minggu");
    // The Disposisi, as a PDF, to the counsellor who carries it out and to the staf who archives it.
    const dispo = await w.waitForMessage(konselor, /^Kasus #1: Disposisi/);
    expect(dispo.document?.file_name).toBe("kasus-1-disposisi.pdf");
    await w.waitForMessage(kasubbag, /^Kasus #1: Disposisi/);
    const pdf = await w.app.db.prisma.document.findFirstOrThrow({ where: { kind: "disposisi" } });
    const { extractText, getDocumentProxy } = await import("unpdf");
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf.content!)), { mergePages: true });
    expect(text).toContain("Lanjutkan pendampingan dua minggu");
    expect(text).toMatch(/Kasus #1/);

    const archive = await tap(konselor, "Selesai", /Langkah 10: Mengarsipkan/, kasubbag);
    expect(buttonsOf(archive).map((b) => b.text)).toEqual(["Selesai"]);
    n = w.count(praja);
    await w.press(kasubbag, "Selesai", archive);
    await w.waitForMessage(praja, /Kasus #1 telah selesai dan diarsipkan/, { after: n });

    const c = await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 }, include: { stepRuns: { orderBy: { askedAt: "asc" } } } });
    expect(c.status).toBe("archived");
    expect(c.stepRuns.map((r) => `${r.stepId}:${r.outcome}`)).toEqual([
      "s1:done",
      "s2:done",
      "s3a:done",
      "s3b:done",
      "s4:revise",
      "s3b:done",
      "s4:approve",
      "s5:done",
      "s6:done",
      "s7:revise",
      "s6:done",
      "s7:approve",
      "s8:done",
      "s9:done",
      "s10:done",
    ]);
    expect(c.stepRuns.find((r) => r.stepId === "s8")!.note).toBe("Lanjutkan pendampingan dua minggu, laporkan hasilnya.");

    // The praja was told of their counsellor (row 3's intake) and of the close; never of the plan, the report or the
    // Rektor's disposisi (was: every step not their own). Session offers and relayed answers are theirs too.
    const told = w.fake
      .sentTo(praja.id)
      .map((m) => m.text ?? "")
      .filter((t) => /^Kasus #1: sedang diproses|^Kasus #1 telah selesai/.test(t));
    expect(told.map((t) => t.split("\n")[0]!.replace(/ \(waktu baku.*$/, ""))).toEqual([
      "Kasus #1: sedang diproses — Konselor intake awal, menentukan prognosa dan menjawab keluhan Praja melalui email kepada Praja.",
      "Kasus #1 telah selesai dan diarsipkan. Terima kasih.",
    ]);
    expect(told[0]).toContain("Konselor Anda: Dra. Sari.");

    const status = await say(praja, "/status", /Kasus #1/);
    expect(status.text).toMatch(/selesai dan diarsipkan/);
  });
});
