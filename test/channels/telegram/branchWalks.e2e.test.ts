// Every branch of the five SOP flows walked through the real Telegram channel (telegraf against the fake Bot API),
// issue 14. The branches (each outcome of each approval step, and PUSPAGA row 6's choices) and the walk that takes
// each one; the rows marked "here" are walked by this file, the others by the SOP's own walk:
//
//   BK Praja (bk-praja.yaml)                 s4  approve  bkPraja.e2e            s4  revise  bkPraja.e2e
//                                            s5  approve  bkPraja.e2e            s5  revise  here
//                                            s9  approve  bkPraja.e2e            s9  revise  here
//   BK Pegawai (bk-pegawai.yaml)             s4  approve  bkPegawai.e2e          s4  revise  here
//                                            s5  approve  bkPegawai.e2e          s5  revise  bkPegawai.e2e
//                                            s9  approve  bkPegawai.e2e          s9  revise  bkPegawai.e2e
//   Konseling Online (konseling-online-praja) s4 approve  konselingOnline.e2e    s4  revise  konselingOnline.e2e
//                                            s7  approve  konselingOnline.e2e    s7  revise  konselingOnline.e2e
//   Terapi (terapi.yaml)                     s2  approve  terapi.e2e             s2  revise  terapi.e2e
//                                            s3  approve  terapi.e2e (+ catatan) s3  revise  here
//                                            s3  refuse   terapi.e2e
//   PUSPAGA (puspaga-konseling.yaml)         s6  finished, new_schedule, coordination, referral      puspagaWalkIn.e2e
//                                            setuju_eselon_iv     approve, refuse  puspagaWalkIn.e2e; revise here
//                                            setuju_eselon_iii    approve, refuse  puspagaWalkIn.e2e; revise here
//                                            setuju_kepala_dinas  approve, refuse  puspagaWalkIn.e2e; revise here
//
// Each branch here: staff register a walk-in client with /kasusbaru (the cheapest start the walks use; the client
// links their chat with the code), the case is driven with the real buttons to the approval step, the approver
// sends it back with a reason, and the walk asserts that the step it returns to reaches its actor alone with the
// reason and their earlier text; that nothing the step sends on when approved (its document, its tembusan, its
// documents for others) went out, nor any notice to the client; then the case goes up again and on to the
// archive, and every person's documents and copies, the client's notices and the step runs are those of the path taken.
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../fakes/telegramBotApi.ts";
import { waitForOutboxSettled } from "../../support/outboxSettled.ts";
import { sopWalk } from "../../support/sopWalk.ts";
import { waitFor } from "../../support/waitFor.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../../support/telegramService.ts";

// The service's clock runs at real speed from Monday 30 November 2026, 08:00 WIB (a working morning), whatever today is.
const START = new Date("2026-11-30T08:00:00+07:00").getTime();
const t0 = Date.now();
const clock = () => new Date(START + (Date.now() - t0));

// IPDN's counselling unit and leadership, and PUSPAGA's staff: one person per role, so each task has one addressee.
const konselor: FakeUser = { id: 9401, first_name: "Sari" };
const staf: FakeUser = { id: 9402, first_name: "Tono" };
const kasubbag: FakeUser = { id: 9403, first_name: "Budi" };
const kepala: FakeUser = { id: 9404, first_name: "Kepala" };
const biro: FakeUser = { id: 9405, first_name: "Biro" };
const rektor: FakeUser = { id: 9406, first_name: "Rektor" };
const psikiater: FakeUser = { id: 9407, first_name: "Dokter" };
const pStaf: FakeUser = { id: 9501, first_name: "Dewi" };
const pKonselor: FakeUser = { id: 9502, first_name: "Yuli" };
const eselon4: FakeUser = { id: 9503, first_name: "Andi" };
const eselon3: FakeUser = { id: 9504, first_name: "Maryam" };
const kadis: FakeUser = { id: 9505, first_name: "Kadis" };

/** One recorded step on the flow's main path: its task's number, who records it with which button, what they write or upload. */
interface Move {
  id: string;
  no: string;
  by: FakeUser;
  press: string;
  /** The outcome the step run records (default "done"). */
  outcome?: string;
  /** Text written after the press (plan, report, disposisi, instruction). */
  write?: string;
  /** A file sent after the press (the SOP document the step asks for). */
  upload?: string;
  /** Documents the step sends when it is taken, as [receiver, file name without "kasus-N-"]. */
  sends?: [FakeUser, string][];
  /** Tembusan: who gets a copy of the step (cc) when it is taken. */
  cc?: FakeUser[];
}

interface Flow {
  title: string;
  staff: FakeUser[];
  /** Staff register the client; resolves with the case number and the registration's code. */
  register(name: string): Promise<{ caseNo: number; code: string }>;
  /** Step runs the registration records. */
  registered: string[];
  /** Documents sent at the registration (or before the first move). */
  onRegistration: [FakeUser, string][];
  moves: Move[];
  /** The client's notices (first lines, "#N" for the case number) on the main path. */
  notices: string[];
}

const BK_MOVES = (): Move[] => [
  { id: "s3a", no: "3", by: konselor, press: "Selesai" },
  { id: "s3b", no: "3", by: konselor, press: "Selesai", write: "Konseling mingguan; wali asuh memantau." },
  { id: "s4", no: "4", by: kasubbag, press: "Teruskan ke Kepala Unit", outcome: "approve" },
  {
    id: "s5",
    no: "5",
    by: kepala,
    press: "Setujui dan koordinasikan dengan unit terkait",
    outcome: "approve",
    sends: [[staf, "laporan-rencana-pengawasan.pdf"]],
  },
  { id: "s6", no: "6", by: staf, press: "Selesai", write: "Hadir tepat waktu selama pengawasan.", sends: [[staf, "laporan-dokumen-hasil-pengawasan.pdf"]] },
  { id: "s7", no: "7", by: staf, press: "Selesai", sends: [[konselor, "laporan-dokumen-hasil-pengawasan.pdf"]] },
  {
    id: "s8",
    no: "8",
    by: konselor,
    press: "Selesai",
    write: "Klien membaik; tidak perlu rujukan.",
    sends: [[kepala, "laporan-dokumen-hasil-pengawasan.pdf"]],
  },
  { id: "s9", no: "9", by: kepala, press: "Kirim laporan tertulis ke Rektor", outcome: "approve", sends: [[rektor, "laporan-tertulis.pdf"]] },
  {
    id: "s10",
    no: "10",
    by: rektor,
    press: "Selesai",
    write: "Pantau sampai akhir semester.",
    sends: [
      [konselor, "disposisi.pdf"],
      [staf, "disposisi.pdf"],
    ],
  },
  { id: "s11", no: "11", by: konselor, press: "Selesai", upload: "hasil-pemeriksaan.pdf", sends: [[staf, "dokumen-hasil-pemeriksaan.pdf"]] },
  { id: "s12", no: "12", by: staf, press: "Selesai" },
];
const LINKED = "Terima kasih. Percakapan ini sekarang terhubung dengan Kasus #N.";
const ARCHIVED = "Kasus #N telah selesai dan diarsipkan. Terima kasih.";
const disposisi = (to: FakeUser[]): [FakeUser, string][] => to.map((u) => [u, "disposisi.pdf"]);
/** Stands for the case's client in a flow's table. */
const CLIENT: FakeUser = { id: -1, first_name: "klien" };
const IPDN_STAFF = [konselor, staf, kasubbag, kepala, biro, rektor, psikiater];

describe("Telegram: every branch of the five SOP flows that no other walk takes", () => {
  let w: TelegramWorld;
  const walk = () => sopWalk(w);
  beforeAll(async () => {
    w = await startTelegramWorld({ service: { clock } });
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    await w.linkStaff(staf, { roles: ["staf"], name: "Tono (Staf)" });
    await w.linkStaff(kasubbag, { roles: ["kasubbag"], name: "Budi (Kasubbag)" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Dr. Kepala" });
    await w.linkStaff(biro, { roles: ["kepala_biro"], name: "Kepala Biro III" });
    await w.linkStaff(rektor, { roles: ["rektor"], name: "Rektor IPDN" });
    await w.linkStaff(psikiater, { roles: ["psikiater"], name: "dr. Lina, Sp.KJ" });
    await w.linkStaff(pStaf, { org: "puspaga", roles: ["staf"], name: "Dewi Lestari" });
    const yuli = await w.linkStaff(pKonselor, { org: "puspaga", roles: ["konselor"], name: "Yuliana Putri" });
    // PUSPAGA row 5 needs a psychologist or a counsellor with at least a degree (Kualifikasi Pelaksana).
    await w.app.db.prisma.staffQualification.create({ data: { personId: yuli, orgId: "puspaga", qualification: "psikolog", createdAt: clock() } });
    await w.linkStaff(eselon4, { org: "puspaga", roles: ["eselon_iv"], name: "Andi Saputra" });
    await w.linkStaff(eselon3, { org: "puspaga", roles: ["eselon_iii"], name: "Hj. Maryam" });
    await w.linkStaff(kadis, { org: "puspaga", roles: ["kepala_dinas"], name: "Kepala Dinas" });
  }, 90_000);
  afterAll(async () => w?.close());

  /** Staff open a case from chat: the flow's menu entry, then each prompt's answer (a string is typed, [label] pressed). */
  async function kasusBaru(by: FakeUser, title: string, answers: [RegExp, string | [string]][]): Promise<{ caseNo: number; code: string }> {
    await w.say(by, "/kasusbaru", /Buka kasus baru pada SOP/);
    await w.tap(by, title, answers[0]![0]);
    for (const [i, [, answer]] of answers.entries()) {
      const next = answers[i + 1]?.[0] ?? /Tercatat/;
      if (typeof answer === "string") await w.say(by, answer, next);
      else await w.tap(by, answer[0], next);
    }
    await w.tap(by, "Selesai", /Periksa data/);
    const opened = await w.tap(by, "Kirim", /Kasus #\d+ dibuka/);
    return { caseNo: Number(/Kasus #(\d+) dibuka/.exec(opened.text ?? "")![1]), code: /kode ini kepadanya: ([A-Z0-9]+)/.exec(opened.text ?? "")![1]! };
  }

  const flows: Record<string, Flow> = {
    "bk-praja": {
      title: "Administrasi Layanan Bimbingan dan Konseling Praja",
      staff: IPDN_STAFF,
      register: (name) =>
        kasusBaru(staf, "Administrasi Layanan Bimbingan dan Konseling Praja", [
          [/Nama lengkap klien/, name],
          [/NPP praja/, `32.${1000 + name.charCodeAt(name.length - 1)}`],
          [/Tingkat praja/, ["I"]],
          [/Kelas atau wisma/, "Wisma Sumatera"],
          [/Kampus praja/, ["Jatinangor"]],
          [/keluhan atau alasan klien/, "Sering tidak masuk apel pagi."],
        ]),
      registered: ["s1:done", "s2:done"],
      onRegistration: [[konselor, "formulir-pendaftaran-konseling.pdf"]],
      moves: BK_MOVES(),
      notices: [LINKED, ARCHIVED],
    },
    "bk-pegawai": {
      title: "Administrasi Layanan Bimbingan dan Konseling bagi Pegawai",
      staff: IPDN_STAFF,
      register: (name) =>
        kasusBaru(staf, "Administrasi Layanan Bimbingan dan Konseling bagi Pegawai", [
          [/Nama lengkap klien/, name],
          [/NIP pegawai/, "198501012010011001"],
          [/Unit kerja pegawai/, "Biro Umum"],
          [/keluhan atau alasan klien/, "Beban kerja membuat sulit tidur."],
        ]),
      registered: ["s1:done", "s2:done"],
      onRegistration: [[konselor, "formulir-pendaftaran-konseling.pdf"]],
      moves: BK_MOVES(),
      notices: [LINKED, ARCHIVED],
    },
    terapi: {
      title: "Administrasi Pelaksanaan Terapi bagi Praja dan Pegawai",
      staff: IPDN_STAFF,
      register: (name) =>
        kasusBaru(staf, "Administrasi Pelaksanaan Terapi bagi Praja dan Pegawai", [
          [/Jenis klien|Anda mendaftar sebagai|Klien yang didaftarkan/, ["Praja"]],
          [/Nama lengkap klien/, name],
          [/NPP praja/, "33.0301"],
          [/Tingkat praja/, ["III"]],
          [/Kelas atau wisma/, "Wisma Kalimantan"],
          [/Kampus praja/, ["Jatinangor"]],
          [/keluhan atau alasan klien/, "Halusinasi pendengaran sejak dua minggu."],
        ]),
      registered: [],
      onRegistration: [[konselor, "formulir-pendaftaran-konseling.pdf"]],
      moves: [
        { id: "s1", no: "1", by: konselor, press: "Selesai", write: "Perlu pemeriksaan psikiater.", sends: [[kasubbag, "laporan-tertulis.pdf"]] },
        { id: "s2", no: "2", by: kasubbag, press: "Teruskan ke Kepala Unit", outcome: "approve" },
        {
          id: "s3",
          no: "3",
          by: kepala,
          press: "Kirim Nota Dinas dan tugaskan staf mendampingi",
          outcome: "approve",
          cc: [biro, rektor],
          // The Nota Dinas with the report it covers: to the staf who accompanies and the psikiater (rows 4-5), the
          // tembusan to the leadership, and its signatory's copy.
          sends: [staf, psikiater, biro, rektor, kepala].flatMap((u): [FakeUser, string][] => [
            [u, "nota-dinas.pdf"],
            [u, "laporan-tertulis.pdf"],
          ]),
        },
        { id: "s4", no: "4", by: staf, press: "Selesai" },
        {
          id: "s5",
          no: "5",
          by: staf,
          press: "Selesai",
          upload: "surat-hasil.pdf",
          cc: [kepala],
          sends: [
            [kasubbag, "surat-hasil-pemeriksaan.pdf"],
            [kepala, "surat-hasil-pemeriksaan.pdf"],
          ],
        },
        {
          id: "s6",
          no: "6",
          by: kasubbag,
          press: "Selesai",
          write: "Terapi rawat jalan empat minggu.",
          // The Nota Dinas Laporan Hasil Pemeriksaan carries the Surat Hasil Pemeriksaan, to the Kepala Unit and its signatory.
          sends: [kepala, kasubbag].flatMap((u): [FakeUser, string][] => [
            [u, "nota-dinas-2.pdf"],
            [u, "surat-hasil-pemeriksaan.pdf"],
          ]),
        },
        // Each disposisi goes to whoever acts next, the staf who archives, and the senders of the Nota Dinas it answers.
        { id: "s7", no: "7", by: kepala, press: "Selesai", write: "Disposisi Kepala Unit: lanjutkan.", sends: disposisi([biro, staf, kepala, kasubbag]) },
        { id: "s8", no: "8", by: biro, press: "Selesai", write: "Disposisi Kepala Biro: lanjutkan.", sends: disposisi([rektor, staf, kepala, kasubbag]) },
        { id: "s9", no: "9", by: rektor, press: "Selesai", write: "Disposisi Rektor: lanjutkan.", sends: disposisi([kepala, staf, kasubbag]) },
        { id: "s10", no: "10", by: kepala, press: "Selesai" },
        { id: "s11", no: "11", by: staf, press: "Selesai" },
      ],
      notices: [LINKED, "Kasus #N: sedang diproses — Mendampingi Praja dan Pegawai ke Psikolog/Psikiater.", ARCHIVED],
    },
    puspaga: {
      title: "Konseling pada PUSPAGA Serumpun Sebalai",
      staff: [pStaf, pKonselor, eselon4, eselon3, kadis],
      register: (name) =>
        kasusBaru(pStaf, "Konseling pada PUSPAGA Serumpun Sebalai", [
          [/Nama lengkap klien/, name],
          [/Kabupaten\/kota tempat tinggal klien/, "Pangkalpinang"],
          [/keluhan atau alasan klien/, "Anak sering menolak sekolah."],
        ]),
      registered: ["s1:done", "s2:done", "s3:done"],
      onRegistration: [],
      moves: [
        { id: "s4", no: "4", by: pStaf, press: "Selesai", sends: [[pKonselor, "form-registrasi.pdf"]] },
        { id: "s5", no: "5", by: pKonselor, press: "Selesai", write: "Tanda depresi; perlu psikiater anak." },
        { id: "s6", no: "6", by: pStaf, press: "Koordinasi rujukan", outcome: "referral", sends: [[pStaf, "form-konseling.pdf"]] },
        { id: "lapor_rujukan", no: "6.3", by: pStaf, press: "Selesai", write: "Dirujuk ke RSJ Provinsi.", sends: [[eselon4, "form-rujukan.pdf"]] },
        {
          id: "setuju_eselon_iv",
          no: "6.4",
          by: eselon4,
          press: "Setujui, teruskan ke Eselon III",
          outcome: "approve",
          sends: [[eselon3, "form-rujukan.pdf"]],
        },
        {
          id: "setuju_eselon_iii",
          no: "6.5",
          by: eselon3,
          press: "Setujui, teruskan ke Kepala Dinas",
          outcome: "approve",
          sends: [[kadis, "form-rujukan.pdf"]],
        },
        {
          id: "setuju_kepala_dinas",
          no: "6.6",
          by: kadis,
          press: "Setujui dan instruksikan rujukan",
          outcome: "approve",
          write: "Rujuk ke RSJ Provinsi, poli anak.",
        },
        {
          id: "buat_rujukan",
          no: "6.7",
          by: pStaf,
          press: "Selesai",
          sends: [
            [pStaf, "form-rujukan.pdf"],
            [CLIENT, "form-rujukan.pdf"],
          ],
        },
        { id: "arsip", no: "7", by: pStaf, press: "Selesai" },
      ],
      notices: [LINKED, "Kasus #N: sedang diproses — Petugas konselor/psikolog melakukan konseling.", "kasus-N-form-rujukan.pdf", ARCHIVED],
    },
  };

  // The branches no other walk takes: the flow, the approval step sent back and its button, the step it returns to,
  // the role the returned task names, and the document whose text must be the corrected one when the case goes on.
  const branches = [
    { flow: "bk-praja", at: "s5", label: "Kembalikan rencana ke konselor", back: "s3b", by: "Kepala Unit", doc: "laporan_rencana_pengawasan" },
    { flow: "bk-praja", at: "s9", label: "Kembalikan ke konselor", back: "s8", by: "Kepala Unit", doc: "laporan_tertulis" },
    { flow: "bk-pegawai", at: "s4", label: "Kembalikan ke konselor", back: "s3b", by: "Kasubbag/Arsiparis", doc: "laporan_rencana_pengawasan" },
    { flow: "terapi", at: "s3", label: "Kembalikan laporan ke konselor", back: "s1", by: "Kepala Unit", doc: "nota_dinas" },
    { flow: "puspaga", at: "setuju_eselon_iv", label: "Kembalikan ke staf", back: "lapor_rujukan", by: "Eselon IV", doc: "surat_rujukan" },
    { flow: "puspaga", at: "setuju_eselon_iii", label: "Kembalikan ke staf", back: "lapor_rujukan", by: "Eselon III", doc: "surat_rujukan" },
    { flow: "puspaga", at: "setuju_kepala_dinas", label: "Kembalikan ke staf", back: "lapor_rujukan", by: "Kepala Dinas", doc: "surat_rujukan" },
  ] as const;

  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const taskOf = (caseNo: number, no: string) => new RegExp(`^Kasus #${caseNo} — [^]*Langkah ${esc(no)}: `);
  const corrected = (text: string) => `${text} Diperbaiki sesuai catatan.`;

  it.each(branches)(
    "$flow: $at sent back ($label) returns to $back with the reason, sends nothing on, then goes on to the archive",
    async (branch) => {
      const flow = flows[branch.flow]!;
      const { tapStep, filesOf, waitForFiles, notices, stepRuns } = walk();
      const index = branches.indexOf(branch);
      const client: FakeUser = { id: 9601 + index, first_name: `Klien${index}` };
      const { caseNo, code } = await flow.register(`Klien Cabang ${"ABCDEFG"[index]}`);
      await w.say(client, `/start ${code}`, /Apakah Anda setuju/);
      await w.tap(client, "Setuju", new RegExp(`terhubung dengan Kasus #${caseNo}`));
      const who = (u: FakeUser) => (u === CLIENT ? client : u);

      /** Takes the move: presses its button (writing or uploading what it asks for) and waits for the next task, or the close. */
      const take = async (m: Move, next: Move | undefined, again: boolean) => {
        const expected = next ? taskOf(caseNo, next.no) : new RegExp(`^Kasus #${caseNo} telah selesai dan diarsipkan`);
        const recipient = next ? next.by : client;
        if (m.write) {
          await tapStep(m.by, caseNo, m.no, m.press, /Tuliskan/);
          await w.say(m.by, again ? corrected(m.write) : m.write, expected, recipient);
        } else if (m.upload) {
          await tapStep(m.by, caseNo, m.no, m.press, /Kirim berkas/);
          const n = w.count(recipient);
          w.fake.userSendsDocument(m.by, { fileName: m.upload, bytes: `%PDF-1.4 ${m.upload}`, mimeType: "application/pdf" });
          await w.waitForMessage(recipient, expected, { after: n });
        } else {
          await tapStep(m.by, caseNo, m.no, m.press, expected, recipient);
        }
      };

      /** Every document asked for so far is rendered and every queued message sent: what has not arrived will not. */
      const settled = async () => {
        await waitFor(
          "documents rendered",
          async () => (await w.app.db.prisma.document.count({ where: { case: { number: caseNo }, status: "pending" } })) === 0,
        );
        await waitForOutboxSettled(w.app.db.prisma);
      };
      const moves = flow.moves;
      const at = moves.findIndex((m) => m.id === branch.at);
      const back = moves.findIndex((m) => m.id === branch.back);
      for (let i = 0; i < at; i++) await take(moves[i]!, moves[i + 1], false);

      // The approver sees the step's buttons, presses the branch's and is asked for the reason.
      const approver = moves[at]!.by;
      const returnee = moves[back]!.by;
      const task = await w.waitForMessage(approver, taskOf(caseNo, moves[at]!.no));
      expect(buttonsOf(task).map((b) => b.text)).toContain(branch.label);
      await settled();
      const people = [...flow.staff, client];
      const before = new Map(people.map((u) => [u.id, w.count(u)]));
      const documentsBefore = await w.app.db.prisma.document.count({ where: { case: { number: caseNo } } });
      await tapStep(approver, caseNo, moves[at]!.no, branch.label, new RegExp(`Tuliskan alasan revisi untuk Kasus #${caseNo}`));
      const reason = `Mohon diperbaiki (${branch.at}).`;
      const returned = await w.say(approver, reason, taskOf(caseNo, moves[back]!.no), returnee);
      const returnedAt = clock();

      // The step it returns to reaches its actor with who sent it back, the reason and their own earlier text.
      expect(returned.text).toContain(`↩ DIKEMBALIKAN oleh ${branch.by} untuk diperbaiki.`);
      expect(returned.text).toContain(`Catatan langkah sebelumnya: ${reason}`);
      expect(returned.text).toContain(`Teks Anda sebelumnya (salin, perbaiki, lalu kirim lagi):\n${moves[back]!.write}`);
      expect(buttonsOf(returned).map((b) => b.text)).toContain(moves[back]!.press);
      // Sent back, nothing was sent on: no document was made, and once everything queued is out nobody else heard
      // of the case (no tembusan, no document, no notice to the client); the approver only got the prompt and receipt.
      expect(await w.app.db.prisma.document.count({ where: { case: { number: caseNo } } })).toBe(documentsBefore);
      await settled();
      const named = new RegExp(`Kasus #${caseNo}\\b`);
      const since = (u: FakeUser) =>
        w.fake
          .sentTo(u.id)
          .slice(before.get(u.id))
          .filter((m) => named.test(m.text ?? m.caption ?? "") || m.document?.file_name?.startsWith(`kasus-${caseNo}-`));
      for (const u of people) {
        const got = since(u);
        if (u === returnee) expect(got.map((m) => m.message_id)).toEqual([returned.message_id]);
        else if (u === approver)
          expect(
            got.every((m) => !m.document && !/^Tembusan/.test(m.text ?? "")),
            u.first_name,
          ).toBe(true);
        else expect(got, `${u.first_name} heard of the sent-back step`).toEqual([]);
      }

      // The case goes up again (the corrected text this time) and on to the archive.
      for (let i = back; i < moves.length; i++) await take(moves[i]!, moves[i + 1], i <= at);

      const run = (m: Move) => `${m.id}:${m.outcome ?? "done"}`;
      expect(await stepRuns(caseNo)).toEqual([...flow.registered, ...moves.slice(0, at).map(run), `${branch.at}:revise`, ...moves.slice(back).map(run)]);
      expect((await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: caseNo } })).status).toBe("archived");

      // Documents and copies: those of the steps taken, each time it was taken; none of the sent-back press.
      const taken = [...moves.slice(0, at), ...moves.slice(back)];
      const expectedFiles = new Map<number, string[]>(people.map((u) => [u.id, []]));
      for (const [u, name] of [...flow.onRegistration, ...taken.flatMap((m) => m.sends ?? [])]) expectedFiles.get(who(u).id)!.push(`kasus-${caseNo}-${name}`);
      for (const u of people) await waitForFiles(u, caseNo, expectedFiles.get(u.id)!);
      await settled();
      for (const u of people) expect([...filesOf(u, caseNo)].sort(), u.first_name).toEqual([...expectedFiles.get(u.id)!].sort());
      for (const u of people) {
        const copies = w.fake.sentTo(u.id).filter((m) => new RegExp(`^Tembusan — Kasus #${caseNo}\\b`).test(m.text ?? ""));
        const expectedCopies = taken.filter((m) => m.cc?.includes(u)).map((m) => `Langkah ${m.no}`);
        expect(
          copies.map((m) => /Langkah [\d.]+/.exec(m.text ?? "")![0]),
          `${u.first_name}'s tembusan`,
        ).toEqual(expectedCopies);
      }
      // The first such document made after the return (the approval step's own, or the next one the text goes into)
      // carries the corrected text; the final Form Rujukan's approval trail shows the return with its reason.
      const textOf = async (doc: { content: Uint8Array | null }) =>
        (await extractText(await getDocumentProxy(new Uint8Array(doc.content!)), { mergePages: true })).text.replace(/\s+/g, " ");
      const ofKind = { case: { number: caseNo }, kind: branch.doc, createdAt: { gt: returnedAt } };
      const first = await w.app.db.prisma.document.findFirstOrThrow({ where: ofKind, orderBy: { createdAt: "asc" } });
      expect(await textOf(first)).toContain(corrected(moves[back]!.write!));
      if (branch.flow === "puspaga") {
        const letter = await textOf(await w.app.db.prisma.document.findFirstOrThrow({ where: ofKind, orderBy: { createdAt: "desc" } }));
        expect(letter).toContain(corrected(moves[back]!.write!));
        expect(letter).toContain(`Hasil : Dikembalikan untuk diperbaiki`);
        expect(letter).toContain(reason);
        expect(letter.match(/Hasil : Disetujui/g)).toHaveLength(3 + at - moves.findIndex((m) => m.id === "setuju_eselon_iv"));
      }

      // The client heard only the path's milestones: nothing of the return.
      expect(notices(client, caseNo).map((t) => t.split(" | ")[0])).toEqual(
        flow.notices.map((t) => t.replace(/#N|kasus-N-/g, (s) => s.replace("N", String(caseNo)))),
      );
    },
    240_000,
  );
});
