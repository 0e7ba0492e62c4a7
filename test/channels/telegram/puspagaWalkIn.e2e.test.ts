// SOP Konseling PUSPAGA from a walk-in registration (/kasusbaru) to the archive, on every branch of the flowchart,
// over the real telegraf client and the fake Bot API server: finished, a new appointment (booked in chat, its
// counselling due after the session), coordination with a related agency, the referral approved by Eselon IV,
// Eselon III and the Kepala Dinas (with the instruction), and the referral refused at each echelon. The
// registration records rows 1-3; the klien follows the case with the code and hears only of their counsellor,
// their appointment, the Form Rujukan and the close; each approver receives the Form Rujukan; leadership never
// receives the Form Registrasi or the Form Konseling, which hold the complaint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadlineFor } from "../../../src/core/workingTime.ts";
import { stepRecap } from "../../../src/store/recapQueries.ts";
import type { ChatMessage, FakeUser } from "../../fakes/telegramBotApi.ts";
import { sopWalk, type SopWalk } from "../../support/sopWalk.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../../support/telegramService.ts";

const staf: FakeUser = { id: 7101, first_name: "Dewi" };
const konselor: FakeUser = { id: 7102, first_name: "Yuli" };
const eselon4: FakeUser = { id: 7103, first_name: "Andi" };
const eselon3: FakeUser = { id: 7104, first_name: "Maryam" };
const kadis: FakeUser = { id: 7105, first_name: "Kadis" };
const leaders = [eselon4, eselon3, kadis];

// The service's clock runs at real speed from Monday 30 November 2026, 08:00 WIB (a working morning), whatever today is.
const START = new Date("2026-11-30T08:00:00+07:00").getTime();
const t0 = Date.now();
const clock = () => new Date(START + (Date.now() - t0));

const FLOW_TITLE = "Konseling pada PUSPAGA Serumpun Sebalai";

describe("Telegram: SOP Konseling PUSPAGA from /kasusbaru on every branch", () => {
  let w: TelegramWorld;
  beforeAll(async () => {
    w = await startTelegramWorld({ service: { clock } });
    await w.linkStaff(staf, { org: "puspaga", roles: ["staf"], name: "Dewi Lestari" });
    const yuli = await w.linkStaff(konselor, { org: "puspaga", roles: ["konselor"], name: "Yuliana Putri" });
    // Row 5 needs a psychologist or a counsellor with at least a degree (Kualifikasi Pelaksana).
    await w.app.db.prisma.staffQualification.create({ data: { personId: yuli, orgId: "puspaga", qualification: "psikolog", createdAt: clock() } });
    await w.linkStaff(eselon4, { org: "puspaga", roles: ["eselon_iv"], name: "Andi Saputra" });
    await w.linkStaff(eselon3, { org: "puspaga", roles: ["eselon_iii"], name: "Hj. Maryam" });
    await w.linkStaff(kadis, { org: "puspaga", roles: ["kepala_dinas"], name: "Kepala Dinas" });
  }, 60_000);
  afterAll(async () => w?.close());

  const tap = (user: FakeUser, label: string | RegExp, expected: RegExp, who?: FakeUser) => w.tap(user, label, expected, who);
  const say = (user: FakeUser, text: string, expected: RegExp, who?: FakeUser) => w.say(user, text, expected, who);
  const walk = () => sopWalk(w);
  const tapStep: SopWalk["tapStep"] = (...args) => walk().tapStep(...args);
  const received: SopWalk["received"] = (...args) => walk().received(...args);
  const filesOf: SopWalk["filesOf"] = (...args) => walk().filesOf(...args);
  const waitForFiles: SopWalk["waitForFiles"] = (...args) => walk().waitForFiles(...args);
  const stepRuns: SopWalk["stepRuns"] = (...args) => walk().stepRuns(...args);
  const caseIdOf = async (caseNo: number) => (await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: caseNo }, select: { id: true } })).id;

  /** Staff register a walk-in klien; the klien links their chat with the code. Returns the case number and the klien. */
  async function registerWalkIn(client: FakeUser, name: string): Promise<number> {
    const menu = await say(staf, "/kasusbaru", /Buka kasus baru pada SOP/);
    expect(buttonsOf(menu).map((b) => b.text)).toEqual([FLOW_TITLE]);
    await tap(staf, FLOW_TITLE, /Nama lengkap klien/);
    await say(staf, name, /Kabupaten\/kota tempat tinggal klien/);
    await say(staf, "Pangkalpinang", /keluhan atau alasan klien/);
    await say(staf, "Anak sering menolak sekolah sejak pindah rumah.", /Tercatat/);
    await tap(staf, "Selesai", /Periksa data/);
    const opened = await tap(staf, "Kirim", /Kasus #\d+ dibuka/);
    const caseNo = Number(/Kasus #(\d+) dibuka/.exec(opened.text ?? "")![1]);
    // Rows 1-3 (arrival, registration form, recording) were the registration: next is row 4, the staf's.
    expect(opened.text).toMatch(/Berikutnya: Petugas administrasi meneruskan klien ke konselor\/psikolog/);
    const code = /kode ini kepadanya: ([A-Z0-9]+)/.exec(opened.text ?? "")![1]!;
    await say(client, `/start ${code}`, /Apakah Anda setuju/);
    const linked = await tap(client, "Setuju", new RegExp(`terhubung dengan Kasus #${caseNo}`));
    expect(linked.text).toMatch(/Sekarang: Petugas administrasi meneruskan klien/);
    return caseNo;
  }

  /** Rows 4-5: the staf passes the klien on, the counsellor counsels and writes the session notes; row 6 is next. */
  async function counsel(caseNo: number, notes: string): Promise<ChatMessage> {
    await tapStep(staf, caseNo, "4", "Selesai", new RegExp(`Kasus #${caseNo}[^]*Langkah 5: Petugas konselor/psikolog melakukan konseling`), konselor);
    await tapStep(konselor, caseNo, "5", "Selesai", /Tuliskan isi rencana\/laporan/);
    return say(konselor, notes, new RegExp(`Kasus #${caseNo}[^]*Langkah 6: Klien dikembalikan ke administrasi`), staf);
  }

  /** Row 7 (archive) by the staf; the klien hears that the case is closed. */
  async function archive(caseNo: number, client: FakeUser): Promise<void> {
    await tapStep(staf, caseNo, "7", "Selesai", new RegExp(`Kasus #${caseNo} telah selesai dan diarsipkan`), client);
    expect((await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: caseNo } })).status).toBe("archived");
  }

  /** What the klien heard about the case after linking: the milestones only. */
  const clientNotices = (client: FakeUser, caseNo: number) =>
    walk()
      .notices(client, caseNo)
      .filter((t) => !/terhubung dengan Kasus/.test(t));

  const REGISTERED = ["s1:done", "s2:done", "s3:done"];
  /** Registered, then row 4 and the first counselling (row 5) done: where every branch of row 6 starts. */
  const COUNSELLED = [...REGISTERED, "s4:done", "s5:done"];
  const COUNSELLED_NOTICE = `Kasus #N: sedang diproses — Petugas konselor/psikolog melakukan konseling. | Konselor Anda: Yuliana Putri. Pesan yang Anda tulis di sini diteruskan kepadanya.`;
  const notice = (caseNo: number) => COUNSELLED_NOTICE.replace("#N", `#${caseNo}`);

  it("finished: registered at rows 1-3, counselled, archived; the Form Registrasi to the counsellor, the Form Konseling to the staf", async () => {
    const client: FakeUser = { id: 7201, first_name: "Siti" };
    const caseNo = await registerWalkIn(client, "Siti Rahmawati");
    const decision = await counsel(caseNo, "Wawancara awal dengan ibu; pola pertengkaran sejak pindah.");
    expect(buttonsOf(decision).map((b) => b.text)).toEqual(["Konseling selesai", "Mendapat jadwal baru", "Koordinasi instansi terkait", "Koordinasi rujukan"]);
    await tapStep(staf, caseNo, "6", "Konseling selesai", new RegExp(`Kasus #${caseNo}[^]*Langkah 7: Mengarsipkan`));
    await waitForFiles(konselor, caseNo, [`kasus-${caseNo}-form-registrasi.pdf`]);
    await waitForFiles(staf, caseNo, [`kasus-${caseNo}-form-konseling.pdf`]);
    await archive(caseNo, client);

    expect(await stepRuns(caseNo)).toEqual([...REGISTERED, "s4:done", "s5:done", "s6:finished", "arsip:done"]);
    // The klien's own step 1 was recorded in their name (they came); rows 2-3 in the registering staf's.
    const runs = await w.app.db.prisma.stepRun.findMany({
      where: { case: { number: caseNo }, stepId: { in: ["s1", "s2", "s3"] } },
      orderBy: { stepId: "asc" },
      include: { actedBy: true },
    });
    expect(runs.map((r) => r.actedBy?.displayName)).toEqual(["Siti Rahmawati", "Dewi Lestari", "Dewi Lestari"]);
    // No task was ever sent for the steps the registration did, and nothing escalates.
    expect(w.fake.sentTo(staf.id).some((m) => /Langkah [123]: /.test(m.text ?? ""))).toBe(false);
    expect(clientNotices(client, caseNo)).toEqual([notice(caseNo), `Kasus #${caseNo} telah selesai dan diarsipkan. Terima kasih.`]);
    expect(filesOf(konselor, caseNo)).toEqual([`kasus-${caseNo}-form-registrasi.pdf`]);
    expect(filesOf(staf, caseNo)).toEqual([`kasus-${caseNo}-form-konseling.pdf`]);
    for (const leader of leaders) expect(received(leader, caseNo)).toEqual([]);
  }, 120_000);

  it("new schedule: the klien books the appointment in chat, and the counselling after it is due 30 minutes after the session ends", async () => {
    const client: FakeUser = { id: 7202, first_name: "Rina" };
    const caseNo = await registerWalkIn(client, "Rina Marlina");
    await counsel(caseNo, "Sesi pertama; perlu sesi bersama anak.");
    await tapStep(staf, caseNo, "6", "Mendapat jadwal baru", new RegExp(`Kasus #${caseNo}[^]*Langkah 6.1: Mendapat jadwal baru`), konselor);
    // The schedule step asks the scheduler for times; the klien chooses one.
    const offer = await w.waitForMessage(client, new RegExp(`Kasus #${caseNo}: pilih jadwal sesi konseling`));
    await w.press(client, buttonsOf(offer)[0]!.text, offer);
    // The scheduler books the chosen slot once the press is recorded (run here rather than waiting for its timer).
    for (let i = 0; i < 400 && (await w.app.db.prisma.sessionOffer.count({ where: { caseId: await caseIdOf(caseNo), status: "booking" } })) === 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    await w.service.sessions.runOnce();
    await w.waitForMessage(client, new RegExp(`Sesi konseling Kasus #${caseNo}:`));
    const appointment = await w.app.db.prisma.appointment.findFirstOrThrow({ where: { case: { number: caseNo }, status: "booked" } });
    // Without Google Calendar the counsellor adds the link; the booked session with its link is row 6.1's output.
    await say(konselor, `/link ${caseNo} https://meet.google.com/abc-defg-hij`, new RegExp(`Kasus #${caseNo}[^]*Langkah 5: Petugas konselor/psikolog`));
    const s5 = await w.app.db.prisma.stepRun.findFirstOrThrow({ where: { case: { number: caseNo }, stepId: "s5", actedAt: null } });
    const calendar = w.app.flows.organisations.get("puspaga")!.calendar;
    expect(s5.deadlineAt).toEqual(deadlineFor({ start: appointment.endsAt, duration: { amount: 30, unit: "minute" }, clock: "working", calendar }));
    expect(s5.deadlineAt.getTime()).toBeGreaterThan(appointment.endsAt.getTime());

    await tapStep(konselor, caseNo, "5", "Selesai", /Tuliskan isi rencana\/laporan/);
    await say(konselor, "Sesi bersama ibu dan anak; latihan komunikasi.", new RegExp(`Kasus #${caseNo}[^]*Langkah 6: Klien dikembalikan`), staf);
    await tapStep(staf, caseNo, "6", "Konseling selesai", new RegExp(`Kasus #${caseNo}[^]*Langkah 7: Mengarsipkan`));
    await archive(caseNo, client);

    expect(await stepRuns(caseNo)).toEqual([...COUNSELLED, "s6:new_schedule", "jadwal_baru:done", "s5:done", "s6:finished", "arsip:done"]);
    // The walk's clock is still before the booked session when the case is archived, so the session is cancelled
    // with the archive, and the klien is told so after being told the case is closed.
    await w.waitForMessage(client, new RegExp(`^Sesi Kasus #${caseNo} \\(.*\\) dibatalkan karena kasus sudah selesai dan diarsipkan\\.`));
    const notices = clientNotices(client, caseNo);
    expect(notices[0]).toBe(notice(caseNo));
    expect(notices.filter((t) => /pilih jadwal/.test(t))).toHaveLength(1);
    expect(notices.filter((t) => /^Sesi konseling Kasus/.test(t)).length).toBeGreaterThanOrEqual(1);
    expect(notices.filter((t) => t === notice(caseNo))).toHaveLength(2);
    expect(notices.slice(-2)).toEqual([
      `Kasus #${caseNo} telah selesai dan diarsipkan. Terima kasih.`,
      expect.stringMatching(new RegExp(`^Sesi Kasus #${caseNo} \\(.*\\) dibatalkan karena kasus sudah selesai dan diarsipkan\\.`)),
    ]);
    // The Form Konseling went to the counsellor with the new appointment (row 6's next actor), then to the staf.
    await waitForFiles(konselor, caseNo, [`kasus-${caseNo}-form-registrasi.pdf`, `kasus-${caseNo}-form-konseling.pdf`]);
  }, 120_000);

  it("coordination with a related agency: recorded by the staf, then back to the choice, finished", async () => {
    const client: FakeUser = { id: 7203, first_name: "Tono" };
    const caseNo = await registerWalkIn(client, "Tono Wijaya");
    await counsel(caseNo, "Perlu koordinasi dengan sekolah anak.");
    await tapStep(staf, caseNo, "6", "Koordinasi instansi terkait", new RegExp(`Kasus #${caseNo}[^]*Langkah 6.2: Koordinasi dengan instansi terkait`));
    // An outside agency's work: the staf records its result (a note here; a file would do).
    await tapStep(staf, caseNo, "6.2", "Selesai", /Kirim dokumen hasil atau catatan/);
    await say(staf, "Sekolah menyiapkan guru BK pendamping.", new RegExp(`Kasus #${caseNo}[^]*Langkah 6: Klien dikembalikan`));
    await tapStep(staf, caseNo, "6", "Konseling selesai", new RegExp(`Kasus #${caseNo}[^]*Langkah 7: Mengarsipkan`));
    await archive(caseNo, client);
    expect(await stepRuns(caseNo)).toEqual([...REGISTERED, "s4:done", "s5:done", "s6:coordination", "koordinasi_instansi:done", "s6:finished", "arsip:done"]);
    expect(clientNotices(client, caseNo)).toEqual([notice(caseNo), `Kasus #${caseNo} telah selesai dan diarsipkan. Terima kasih.`]);
    for (const leader of leaders) expect(received(leader, caseNo)).toEqual([]);
  }, 120_000);

  /** Row 6 chooses the referral; the staf writes the referral report (row 6.3). */
  async function reportReferral(caseNo: number): Promise<void> {
    await counsel(caseNo, "Anak menunjukkan tanda depresi; perlu psikiater.");
    await tapStep(staf, caseNo, "6", "Koordinasi rujukan", new RegExp(`Kasus #${caseNo}[^]*Langkah 6.3: Pelaporan rujukan`));
    await tapStep(staf, caseNo, "6.3", "Selesai", /Tuliskan isi rencana\/laporan/);
    await say(
      staf,
      "Dirujuk ke RSJ Provinsi untuk pemeriksaan psikiater anak.",
      new RegExp(`Kasus #${caseNo}[^]*Langkah 6.4: Persetujuan rujukan oleh Eselon IV`),
      eselon4,
    );
  }

  it("referral approved: each echelon receives the Form Rujukan as it decides, the Kepala Dinas writes the instruction, the klien gets the final letter", async () => {
    const client: FakeUser = { id: 7204, first_name: "Budi" };
    const caseNo = await registerWalkIn(client, "Budi Santoso");
    await reportReferral(caseNo);
    const task4 = await w.waitForMessage(eselon4, new RegExp(`Kasus #${caseNo}[^]*Langkah 6.4`));
    expect(buttonsOf(task4).map((b) => b.text)).toEqual(["Setujui, teruskan ke Eselon III", "Kembalikan ke staf", "Tolak rujukan"]);
    await waitForFiles(eselon4, caseNo, [`kasus-${caseNo}-form-rujukan.pdf`]);
    await tapStep(eselon4, caseNo, "6.4", "Setujui, teruskan ke Eselon III", new RegExp(`Kasus #${caseNo}[^]*Langkah 6.5`), eselon3);
    await waitForFiles(eselon3, caseNo, [`kasus-${caseNo}-form-rujukan.pdf`]);
    await tapStep(eselon3, caseNo, "6.5", "Setujui, teruskan ke Kepala Dinas", new RegExp(`Kasus #${caseNo}[^]*Langkah 6.6`), kadis);
    await waitForFiles(kadis, caseNo, [`kasus-${caseNo}-form-rujukan.pdf`]);
    await tapStep(kadis, caseNo, "6.6", "Setujui dan instruksikan rujukan", /Tuliskan Instruksi rujukan ke instansi lain untuk Kasus/);
    const make = await say(kadis, "Rujuk ke RSJ Provinsi Kep. Babel, poli anak.", new RegExp(`Kasus #${caseNo}[^]*Langkah 6.7: Membuat rujukan`), staf);
    expect(make.text).toContain("Catatan langkah sebelumnya: Rujuk ke RSJ Provinsi Kep. Babel, poli anak.");
    await tapStep(staf, caseNo, "6.7", "Selesai", new RegExp(`Kasus #${caseNo}[^]*Langkah 7: Mengarsipkan`));
    // The final Form Rujukan (the fourth: each approver got the one made before their decision), with the whole approval
    // trail and the instruction, goes to the klien and the staf.
    await waitForFiles(client, caseNo, [`kasus-${caseNo}-form-rujukan.pdf`]);
    const letter = await w.app.db.prisma.document.findFirstOrThrow({
      where: { case: { number: caseNo }, kind: "surat_rujukan" },
      orderBy: { createdAt: "desc" },
    });
    const { extractText, getDocumentProxy } = await import("unpdf");
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(letter.content!)), { mergePages: true });
    expect(text).toContain("Dirujuk ke RSJ Provinsi untuk pemeriksaan psikiater anak.");
    expect(text).toContain("Rujuk ke RSJ Provinsi Kep. Babel, poli anak.");
    expect(text.match(/Hasil : Disetujui/g)).toHaveLength(3);
    await archive(caseNo, client);

    expect(await stepRuns(caseNo)).toEqual([
      ...COUNSELLED,
      "s6:referral",
      "lapor_rujukan:done",
      "setuju_eselon_iv:approve",
      "setuju_eselon_iii:approve",
      "setuju_kepala_dinas:approve",
      "buat_rujukan:done",
      "arsip:done",
    ]);
    expect(clientNotices(client, caseNo)).toEqual([
      notice(caseNo),
      `kasus-${caseNo}-form-rujukan.pdf`,
      `Kasus #${caseNo} telah selesai dan diarsipkan. Terima kasih.`,
    ]);
    // Each approver received the Form Rujukan only; never the forms that hold the complaint.
    expect(filesOf(eselon4, caseNo)).toEqual([`kasus-${caseNo}-form-rujukan.pdf`]);
    expect(filesOf(eselon3, caseNo)).toEqual([`kasus-${caseNo}-form-rujukan.pdf`]);
    expect(filesOf(kadis, caseNo)).toEqual([`kasus-${caseNo}-form-rujukan.pdf`]);
    expect(filesOf(staf, caseNo)).toEqual([`kasus-${caseNo}-form-konseling.pdf`, `kasus-${caseNo}-form-rujukan.pdf`]);
    expect(await w.app.db.prisma.document.count({ where: { case: { number: caseNo }, kind: "surat_rujukan" } })).toBe(4);
  }, 120_000);

  it.each([
    ["Eselon IV", 0],
    ["Eselon III", 1],
    ["the Kepala Dinas", 2],
  ] as const)(
    "referral refused by %s: asked for the reason, back to the counsellor, then finished; the recap counts the refusal",
    async (_who, index) => {
      const client: FakeUser = { id: 7210 + index, first_name: `Klien${index}` };
      const caseNo = await registerWalkIn(client, `Klien Rujukan ${"ABC"[index]}`);
      await reportReferral(caseNo);
      const approvals = [
        { user: eselon4, approve: "Setujui, teruskan ke Eselon III", next: "6.5" },
        { user: eselon3, approve: "Setujui, teruskan ke Kepala Dinas", next: "6.6" },
        { user: kadis, approve: "", next: "" },
      ];
      for (const [i, step] of approvals.slice(0, index).entries()) {
        await tapStep(
          step.user,
          caseNo,
          `6.${4 + i}`,
          step.approve,
          new RegExp(`Kasus #${caseNo}[^]*Langkah ${step.next.replace(".", "\\.")}`),
          approvals[i + 1]!.user,
        );
      }
      const refuser = approvals[index]!.user;
      await tapStep(refuser, caseNo, `6.${4 + index}`, "Tolak rujukan", new RegExp(`Tuliskan alasan penolakan untuk Kasus #${caseNo}`));
      const n = w.count(client);
      const back = await say(
        refuser,
        "Tangani dahulu di PUSPAGA dengan konseling keluarga.",
        new RegExp(`Kasus #${caseNo}[^]*Langkah 5: Petugas konselor/psikolog`),
        konselor,
      );
      expect(back.text).toContain("Catatan langkah sebelumnya: Tangani dahulu di PUSPAGA dengan konseling keluarga.");
      await w.waitForMessage(client, /Konselor Anda: Yuliana Putri/, { after: n });
      await tapStep(konselor, caseNo, "5", "Selesai", /Tuliskan isi rencana\/laporan/);
      await say(konselor, "Konseling keluarga; rujukan tidak diperlukan.", new RegExp(`Kasus #${caseNo}[^]*Langkah 6: Klien dikembalikan`), staf);
      await tapStep(staf, caseNo, "6", "Konseling selesai", new RegExp(`Kasus #${caseNo}[^]*Langkah 7: Mengarsipkan`));
      await archive(caseNo, client);

      const chain = ["setuju_eselon_iv", "setuju_eselon_iii", "setuju_kepala_dinas"];
      expect(await stepRuns(caseNo)).toEqual([
        ...COUNSELLED,
        "s6:referral",
        "lapor_rujukan:done",
        ...chain.slice(0, index).map((s) => `${s}:approve`),
        `${chain[index]}:refuse`,
        "s5:done",
        "s6:finished",
        "arsip:done",
      ]);
      // The klien heard of their counsellor twice and of the close, never of the referral's chain nor its refusal.
      expect(clientNotices(client, caseNo)).toEqual([notice(caseNo), notice(caseNo), `Kasus #${caseNo} telah selesai dan diarsipkan. Terima kasih.`]);
      const recap = await stepRecap(w.app.db.prisma, { orgId: "puspaga", now: clock() });
      expect(recap.find((r) => r.stepId === chain[index])!.refused).toBeGreaterThanOrEqual(1);
    },
    120_000,
  );
});
