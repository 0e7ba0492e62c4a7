// SOP Administrasi Pelaksanaan Terapi end to end over Telegram, on every branch: the counsellor's report (sent back
// once by the Kasubbag), the Kepala Unit's row 3 as the SOP writes it — a Nota Dinas "kepada pimpinan serta bagian
// terkait", copied to Kepala Biro III and the Rektor and sent to the staf who accompanies the client and to the
// psikiater —, the psikiater's Surat Hasil Pemeriksaan uploaded by the staf (rows 5-6) and copied to the Kepala
// Unit, the Kasubbag's Nota Dinas carrying it up the disposisi chain, to the archive; and the Kepala Unit refusing
// the referral at row 3, which closes the case through the archive with the reason and is counted on the recap.
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stepRecap } from "../../../src/store/recapQueries.ts";
import type { FakeUser } from "../../fakes/telegramBotApi.ts";
import { sopWalk } from "../../support/sopWalk.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../../support/telegramService.ts";

const konselor: FakeUser = { id: 8101, first_name: "Sari" };
const kasubbag: FakeUser = { id: 8102, first_name: "Budi" };
const staf: FakeUser = { id: 8103, first_name: "Tono" };
const kepala: FakeUser = { id: 8104, first_name: "Kepala" };
const biro: FakeUser = { id: 8105, first_name: "Biro" };
const rektor: FakeUser = { id: 8106, first_name: "Rektor" };
const psikiater: FakeUser = { id: 8107, first_name: "Dokter" };
const TERAPI = "Administrasi Pelaksanaan Terapi bagi Praja dan Pegawai";

describe("Telegram: SOP Administrasi Pelaksanaan Terapi end to end", () => {
  let w: TelegramWorld;
  const walk = () => sopWalk(w);
  beforeAll(async () => {
    w = await startTelegramWorld();
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    await w.linkStaff(kasubbag, { roles: ["kasubbag"], name: "Budi (Kasubbag)" });
    await w.linkStaff(staf, { roles: ["staf"], name: "Tono (Staf)" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Dr. Kepala" });
    await w.linkStaff(biro, { roles: ["kepala_biro"], name: "Kepala Biro III" });
    await w.linkStaff(rektor, { roles: ["rektor"], name: "Rektor IPDN" });
    await w.linkStaff(psikiater, { roles: ["psikiater"], name: "dr. Lina, Sp.KJ" });
  }, 60_000);
  afterAll(async () => w?.close());

  /** The staf registers a praja on SOP Terapi; the praja links their chat. Returns the case number. */
  async function register(praja: FakeUser, name: string, npp: string): Promise<number> {
    await w.say(staf, "/kasusbaru", /Buka kasus baru pada SOP/);
    await w.tap(staf, TERAPI, /Jenis klien|Anda mendaftar sebagai|Klien yang didaftarkan/);
    await w.tap(staf, "Praja", /Nama lengkap klien/);
    await w.say(staf, name, /NPP praja/);
    await w.say(staf, npp, /Tingkat praja/);
    await w.tap(staf, "III", /Kelas atau wisma/);
    await w.say(staf, "Wisma Kalimantan", /Kampus praja/);
    await w.tap(staf, "Jatinangor", /keluhan atau alasan klien/);
    await w.say(staf, "Halusinasi pendengaran sejak dua minggu.", /Tercatat/);
    await w.tap(staf, "Selesai", /Periksa data/);
    const opened = await w.tap(staf, "Kirim", /Kasus #\d+ dibuka/);
    const caseNo = Number(/Kasus #(\d+) dibuka/.exec(opened.text ?? "")![1]);
    // Row 1 is the counsellor's report, not a registration: it waits for the counsellor to write it.
    expect(opened.text).toMatch(/Berikutnya: Melaporkan bahwa Praja dan Pegawai mengalami kasus/);
    const code = /kode ini kepadanya: ([A-Z0-9]+)/.exec(opened.text ?? "")![1]!;
    await w.say(praja, `/start ${code}`, /Apakah Anda setuju/);
    await w.tap(praja, "Setuju", new RegExp(`terhubung dengan Kasus #${caseNo}`));
    return caseNo;
  }

  /** Rows 1-2: the counsellor's report, forwarded by the Kasubbag; row 3's task reaches the Kepala Unit. */
  async function reportUp(caseNo: number, options: { sendBack?: boolean } = {}) {
    const { tapStep } = walk();
    await tapStep(konselor, caseNo, "1", "Selesai", /Tuliskan isi rencana\/laporan/);
    await w.say(
      konselor,
      "Praja perlu pemeriksaan psikiater: halusinasi pendengaran.",
      new RegExp(`Kasus #${caseNo}[^]*Langkah 2: Menerima laporan konselor`),
      kasubbag,
    );
    if (options.sendBack) {
      await tapStep(kasubbag, caseNo, "2", "Kembalikan ke konselor", /Tuliskan alasan revisi/);
      await w.say(kasubbag, "Sebutkan sejak kapan dan frekuensinya.", new RegExp(`Kasus #${caseNo}[^]*Langkah 1: Melaporkan`), konselor);
      await tapStep(konselor, caseNo, "1", "Selesai", /Tuliskan isi rencana\/laporan/);
      await w.say(
        konselor,
        "Halusinasi pendengaran sejak dua minggu, setiap malam; perlu psikiater.",
        new RegExp(`Kasus #${caseNo}[^]*Langkah 2: Menerima laporan konselor`),
        kasubbag,
      );
    }
    return tapStep(kasubbag, caseNo, "2", "Teruskan ke Kepala Unit", new RegExp(`Kasus #${caseNo}[^]*Langkah 3: Membuat laporan kepada pimpinan`), kepala);
  }

  it("walks rows 1-11: the Nota Dinas of row 3 to the staf and the psikiater with copies to the leadership, the uploaded result, the disposisi chain", async () => {
    const { tapStep, filesOf, waitForFiles, notices, stepRuns } = walk();
    const praja: FakeUser = { id: 8201, first_name: "Dimas" };
    const caseNo = await register(praja, "Dimas Pratama", "33.0101");
    const task3 = await reportUp(caseNo, { sendBack: true });
    expect(buttonsOf(task3).map((b) => b.text)).toEqual([
      "Kirim Nota Dinas dan tugaskan staf mendampingi",
      "Kirim Nota Dinas dan tugaskan staf mendampingi + catatan",
      "Kembalikan laporan ke konselor",
      "Tolak rujukan ke psikolog/psikiater",
    ]);
    await waitForFiles(kasubbag, caseNo, [`kasus-${caseNo}-laporan-tertulis.pdf`, `kasus-${caseNo}-laporan-tertulis.pdf`]);

    // Row 3: the Kepala Unit sends the Nota Dinas in his name, with a note, and assigns the staf.
    await tapStep(kepala, caseNo, "3", "Kirim Nota Dinas dan tugaskan staf mendampingi + catatan", /Tuliskan catatan Anda untuk Kasus/);
    const before = { praja: w.count(praja), biro: w.count(biro), rektor: w.count(rektor) };
    await w.say(kepala, "Mohon pemeriksaan dan terapi segera.", new RegExp(`Kasus #${caseNo}[^]*Langkah 4: Mendampingi Praja`), staf);
    const nota = `kasus-${caseNo}-nota-dinas.pdf`;
    const laporan = `kasus-${caseNo}-laporan-tertulis.pdf`;
    // Carried by rows 4-5: the staf who accompanies and the psikiater receive it, with the report attached.
    await waitForFiles(staf, caseNo, [nota, laporan]);
    await waitForFiles(psikiater, caseNo, [nota, laporan]);
    // Copied to the leadership: the step's text without buttons, and the Nota Dinas.
    for (const [leader, n] of [
      [biro, before.biro],
      [rektor, before.rektor],
    ] as const) {
      const copy = await w.waitForMessage(leader, new RegExp(`^Tembusan — Kasus #${caseNo}`), { after: n });
      expect(copy.text).toContain("Langkah 3: Membuat laporan kepada pimpinan serta bagian terkait");
      expect(copy.text).toContain("Mohon pemeriksaan dan terapi segera.");
      expect(buttonsOf(copy)).toEqual([]);
      await waitForFiles(leader, caseNo, [nota]);
    }
    const notaRow = await w.app.db.prisma.document.findFirstOrThrow({ where: { kind: "nota_dinas", case: { number: caseNo } } });
    const notaText = (await extractText(await getDocumentProxy(new Uint8Array(notaRow.content!)), { mergePages: true })).text;
    expect(notaText).toContain("Kepada : Staf, Psikolog/Psikiater eksternal");
    expect(notaText).toContain("Tembusan : Kepala Biro III, Rektor");
    expect(notaText).toContain("Lampiran : 1 (satu) berkas: Laporan Tertulis");
    expect(notaText).toContain("Halusinasi pendengaran sejak dua minggu, setiap malam; perlu psikiater.");
    expect(notaText).toContain("Mohon pemeriksaan dan terapi segera.");
    // The praja hears that they will be accompanied (a milestone), not of the Nota Dinas.
    await w.waitForMessage(praja, new RegExp(`Kasus #${caseNo}: sedang diproses — Mendampingi Praja dan Pegawai ke Psikolog/Psikiater`), {
      after: before.praja,
    });

    // Rows 4-5: the staf accompanies; the psikiater's written result is uploaded by the staf.
    await tapStep(staf, caseNo, "4", "Selesai", new RegExp(`Kasus #${caseNo}[^]*Langkah 5: Melakukan pemeriksaan dan terapi`), psikiater);
    await tapStep(staf, caseNo, "5", "Selesai", new RegExp(`Kirim berkas Surat Hasil Pemeriksaan untuk Kasus #${caseNo}`));
    const copyBefore = w.count(kepala);
    const n = w.count(kasubbag);
    w.fake.userSendsDocument(staf, {
      fileName: "surat-hasil-dimas.pdf",
      bytes: "%PDF-1.4 surat hasil pemeriksaan",
      mimeType: "application/pdf",
      caption: "Diagnosis dan rencana terapi terlampir.",
    });
    await w.waitForMessage(kasubbag, new RegExp(`Kasus #${caseNo}[^]*Langkah 6: Menerima hasil pemeriksaan`), { after: n });
    const surat = `kasus-${caseNo}-surat-hasil-pemeriksaan.pdf`;
    await waitForFiles(kasubbag, caseNo, [surat]);
    // The SOP addresses the result "kepada Kepala Unit", who does not act next: a copy.
    const resultCopy = await w.waitForMessage(kepala, new RegExp(`^Tembusan — Kasus #${caseNo}[^]*Langkah 5: Melakukan pemeriksaan`), { after: copyBefore });
    expect(resultCopy.text).toContain("Diagnosis dan rencana terapi terlampir.");
    await waitForFiles(kepala, caseNo, [surat]);

    // Row 6: the Kasubbag's Nota Dinas Laporan Hasil Pemeriksaan carries the Surat Hasil Pemeriksaan to the Kepala Unit.
    await tapStep(kasubbag, caseNo, "6", "Selesai", /Tuliskan isi rencana\/laporan/);
    await w.say(
      kasubbag,
      "Hasil pemeriksaan: terapi rawat jalan empat minggu.",
      new RegExp(`Kasus #${caseNo}[^]*Langkah 7: Menerima laporan hasil pemeriksaan`),
      kepala,
    );
    await waitForFiles(kepala, caseNo, [nota, `kasus-${caseNo}-nota-dinas-2.pdf`, surat]);

    // Rows 7-9: the disposisi chain; row 10 carried out by the Kepala Unit; row 11 archived by the staf.
    for (const [user, stepNo, next, nextUser] of [
      [kepala, "7", "8: Menerima hasil laporan", biro],
      [biro, "8", "9: Menerima hasil laporan", rektor],
      [rektor, "9", "10: Melaksanakan perintah disposisi", kepala],
    ] as const) {
      await tapStep(user, caseNo, stepNo, "Selesai", /Tuliskan disposisi/);
      await w.say(user, `Disposisi langkah ${stepNo}: lanjutkan terapi.`, new RegExp(`Kasus #${caseNo}[^]*Langkah ${next}`), nextUser);
    }
    await tapStep(kepala, caseNo, "10", "Selesai", new RegExp(`Kasus #${caseNo}[^]*Langkah 11: Mengarsipkan`), staf);
    await tapStep(staf, caseNo, "11", "Selesai", new RegExp(`Kasus #${caseNo} telah selesai dan diarsipkan`), praja);

    expect(await stepRuns(caseNo)).toEqual([
      "s1:done",
      "s2:revise",
      "s1:done",
      "s2:approve",
      "s3:approve",
      "s4:done",
      "s5:done",
      "s6:done",
      "s7:done",
      "s8:done",
      "s9:done",
      "s10:done",
      "s11:done",
    ]);
    const upload = await w.app.db.prisma.document.findFirstOrThrow({ where: { kind: "surat_hasil_pemeriksaan", case: { number: caseNo } } });
    expect(upload).toMatchObject({ status: "ready", title: "Surat Hasil Pemeriksaan", mimeType: "application/pdf" });
    // Who received what: the leadership the Nota Dinas (and the disposisi chain's), never the registration form.
    await waitForFiles(biro, caseNo, [nota, `kasus-${caseNo}-disposisi.pdf`]);
    for (const leader of [kepala, biro, rektor]) expect(filesOf(leader, caseNo)).not.toContain(`kasus-${caseNo}-formulir-pendaftaran-konseling.pdf`);
    expect(filesOf(psikiater, caseNo)).toEqual([nota, laporan]);
    // The praja: linked, accompanied, closed (was: every step up to the Rektor).
    expect(notices(praja, caseNo).map((t) => t.split(" | ")[0])).toEqual([
      `Terima kasih. Percakapan ini sekarang terhubung dengan Kasus #${caseNo}.`,
      `Kasus #${caseNo}: sedang diproses — Mendampingi Praja dan Pegawai ke Psikolog/Psikiater.`,
      `Kasus #${caseNo} telah selesai dan diarsipkan. Terima kasih.`,
    ]);
  }, 120_000);

  it("the Kepala Unit refuses the referral at row 3: asked for the reason, archived with it, no Nota Dinas, counted as refused", async () => {
    const { tapStep, notices, stepRuns } = walk();
    const praja: FakeUser = { id: 8202, first_name: "Eko" };
    const caseNo = await register(praja, "Eko Saputra", "33.0102");
    await reportUp(caseNo);
    await tapStep(kepala, caseNo, "3", "Tolak rujukan ke psikolog/psikiater", new RegExp(`Tuliskan alasan penolakan untuk Kasus #${caseNo}`));
    const archive = await w.say(kepala, "Cukup ditangani konselor; belum perlu psikiater.", new RegExp(`Kasus #${caseNo}[^]*Langkah 11: Mengarsipkan`), staf);
    expect(archive.text).toContain("Catatan langkah sebelumnya: Cukup ditangani konselor; belum perlu psikiater.");
    await tapStep(staf, caseNo, "11", "Selesai", new RegExp(`Kasus #${caseNo} telah selesai dan diarsipkan`), praja);

    expect(await stepRuns(caseNo)).toEqual(["s1:done", "s2:approve", "s3:refuse", "s11:done"]);
    expect(await w.app.db.prisma.document.count({ where: { kind: "nota_dinas", case: { number: caseNo } } })).toBe(0);
    for (const leader of [biro, rektor]) expect(walk().received(leader, caseNo)).toEqual([]);
    expect(notices(praja, caseNo).map((t) => t.split(" | ")[0])).toEqual([
      `Terima kasih. Percakapan ini sekarang terhubung dengan Kasus #${caseNo}.`,
      `Kasus #${caseNo} telah selesai dan diarsipkan. Terima kasih.`,
    ]);
    const recap = await stepRecap(w.app.db.prisma, { orgId: "ipdn", now: new Date() });
    expect(recap.find((r) => r.flowId === "terapi" && r.stepId === "s3")).toMatchObject({ done: 2, refused: 1 });
  }, 120_000);
});
