// One realistic instance of each document the SOPs name beyond the first five (issue 14): the supervision
// results (BK), PUSPAGA's registration form, counselling form and referral letter; and a DocumentSource over
// made-up step runs for the builders. Times are fixed instants; in WIB (UTC+7) they read as the comments say.
import type { DocumentSource } from "../../src/documents/documentSource.ts";
import type { ApprovalTrailEntry } from "../../src/documents/suratRujukan/suratRujukanDocument.ts";
import type {
  DocumentHeader,
  DocumentStepRun,
  FormKonselingDocument,
  FormRegistrasiDocument,
  LaporanHasilPengawasanDocument,
  SuratRujukanDocument,
} from "../../src/documents/documentTypes.ts";
import { GENERATED_AT, header, laporan } from "../fixtures/documents/sampleDocuments.ts";

export const PUSPAGA = "PUSPAGA Serumpun Sebalai, Provinsi Kepulauan Bangka Belitung";

export function puspagaHeader(over: Partial<DocumentHeader> = {}): DocumentHeader {
  return header({ organisation: PUSPAGA, sopTitle: "Konseling pada PUSPAGA Serumpun Sebalai", caseNo: 7, ...over });
}

const klien = {
  kind: "klien" as const,
  fields: { nama: "Siti Rahmawati", domisili: "Pangkalpinang", telepon: "+6281377778888", email: "siti.r@contoh.id" },
};

export function pengawasan(over: Partial<LaporanHasilPengawasanDocument> = {}): LaporanHasilPengawasanDocument {
  return {
    kind: "laporan_hasil_pengawasan",
    header: header(),
    client: laporan().client,
    to: "Kepala Unit",
    result: "Selama tiga hari pengawasan praja tidur teratur, mengikuti apel pagi dan tidak menunjukkan tanda cemas berlebihan.",
    supervisedBy: "Bagian/Unit Terkait",
    resultRecordedBy: "Rina Marlina",
    resultAt: new Date("2026-12-03T02:00:00Z"), // Kamis, 3 Desember 2026 09.00 WIB
    review: "Hasil pengawasan sejalan dengan rencana; konseling dapat diakhiri dengan satu sesi evaluasi.",
    reportedBy: { name: "Dra. Siti Aminah, M.Psi., Psikolog", role: "Konselor/Psikolog" },
    date: new Date("2026-12-04T03:30:00Z"), // Jumat, 4 Desember 2026 10.30 WIB
    ...over,
  };
}

export function registrasi(over: Partial<FormRegistrasiDocument> = {}): FormRegistrasiDocument {
  return {
    kind: "form_registrasi",
    header: puspagaHeader(),
    client: klien,
    complaint: "Anak saya (12 tahun) sering menolak sekolah sejak pindah rumah dan kami sering bertengkar karenanya.",
    consent: { textVersion: "2026-11-25", givenAt: new Date("2026-11-30T01:20:00Z") }, // Senin, 30 November 2026 08.20 WIB
    channel: "telegram",
    registeredAt: new Date("2026-11-30T01:15:00Z"), // Senin, 30 November 2026 08.15 WIB
    registeredBy: { name: "Dewi Lestari", role: "Staf administrasi" },
    ...over,
  };
}

export function konseling(over: Partial<FormKonselingDocument> = {}): FormKonselingDocument {
  const counsellor = { name: "Yuliana Putri, M.Psi., Psikolog", role: "Konselor/Psikolog" };
  return {
    kind: "form_konseling",
    header: puspagaHeader(),
    client: klien,
    counsellor,
    problem: registrasi().complaint,
    sessions: [
      { at: new Date("2026-11-30T02:00:00Z"), by: counsellor, notes: "Wawancara awal dengan ibu; menggali riwayat pindah rumah dan pola pertengkaran." }, // Senin, 30 November 2026 09.00 WIB
      { at: new Date("2026-12-07T03:00:00Z"), by: counsellor, notes: "Sesi bersama ibu dan anak; latihan komunikasi tanpa menyalahkan." }, // Senin, 7 Desember 2026 10.00 WIB
    ],
    plan: "Mendapat jadwal baru: sesi evaluasi dua minggu lagi",
    ...over,
  };
}

/** The referral's approval steps in the PUSPAGA flow, with the official who holds each. */
const ESELON_IV = { stepNo: "6.4", activity: "Persetujuan rujukan oleh Eselon IV.", by: { name: "Andi Saputra, S.Psi.", role: "Eselon IV" } };
const ESELON_III = { stepNo: "6.5", activity: "Persetujuan rujukan oleh Eselon III.", by: { name: "Hj. Maryam, S.Sos., M.Si.", role: "Eselon III" } };
const KEPALA_DINAS = {
  stepNo: "6.6",
  activity: "Persetujuan rujukan oleh Kepala Dinas dan instruksi rujukan ke instansi lain.",
  by: { name: "Drs. Bambang Irawan, M.M.", role: "Kepala Dinas" },
};

function approval(step: Pick<ApprovalTrailEntry, "stepNo" | "activity" | "by">, result: string, note: string, at: string): ApprovalTrailEntry {
  return { ...step, result, note, at: new Date(at) };
}

export function rujukan(over: Partial<SuratRujukanDocument> = {}): SuratRujukanDocument {
  return {
    kind: "surat_rujukan",
    header: puspagaHeader(),
    client: klien,
    reason: "Anak menunjukkan gejala kecemasan berat yang memerlukan pemeriksaan psikiater; dirujuk ke RSJ Provinsi Kepulauan Bangka Belitung.",
    note: "Surat diserahkan kepada ibu klien pada 10 Desember 2026.",
    approvals: [
      approval(ESELON_IV, "Dikembalikan untuk diperbaiki", "Lengkapi alasan rujukan dengan hasil sesi kedua.", "2026-12-08T02:00:00Z"), // Selasa, 8 Desember 2026 09.00 WIB
      approval(ESELON_IV, "Disetujui", "", "2026-12-08T07:00:00Z"), // Selasa, 8 Desember 2026 14.00 WIB
      approval(ESELON_III, "Disetujui", "", "2026-12-09T01:30:00Z"), // Rabu, 9 Desember 2026 08.30 WIB
      approval(KEPALA_DINAS, "Disetujui", "Rujuk ke RSJ Provinsi; staf mendampingi klien.", "2026-12-09T06:45:00Z"), // Rabu, 9 Desember 2026 13.45 WIB
    ],
    date: new Date("2026-12-10T02:00:00Z"), // Kamis, 10 Desember 2026 09.00 WIB
    signedBy: { name: "Dewi Lestari", role: "Staf administrasi" },
    ...over,
  };
}

/** One of each new kind, for tests that run over all of them. */
export function newSamples() {
  return [pengawasan(), registrasi(), konseling(), rujukan()];
}

/** A done step run, for a made-up source. */
export function stepRun(over: Partial<DocumentStepRun> & Pick<DocumentStepRun, "id" | "stepId" | "actedAt">): DocumentStepRun {
  return {
    stepNo: over.stepId,
    activity: `Langkah ${over.stepId}`,
    action: "form",
    actor: { name: "Dewi Lestari", role: "Staf administrasi" },
    outcome: "done",
    outcomeLabel: "Selesai",
    note: null,
    ...over,
  };
}

/** A DocumentSource as the worker would fill it, with the given step runs and no database behind it. */
export function fakeSource(over: Partial<DocumentSource> & { runs?: DocumentStepRun[] } = {}): DocumentSource {
  const { runs = [], ...rest } = over;
  return {
    header: puspagaHeader(),
    caseNo: 7,
    client: klien,
    clientName: "Siti Rahmawati",
    complaint: registrasi().complaint,
    channel: "telegram",
    openedAt: new Date("2026-11-30T01:15:00Z"),
    text: "-",
    stepNote: null,
    textFromOtherStep: false,
    stepRunId: null,
    textStepId: null,
    actedAt: GENERATED_AT,
    actor: { name: "Dewi Lestari", role: "Staf administrasi" },
    recipients: [],
    copies: [],
    attachKinds: [],
    attachNames: [],
    textAuthor: async () => ({ name: "-", role: "Konselor" }),
    consent: async () => registrasi().consent,
    registeredBy: async () => registrasi().registeredBy,
    stepRuns: async () => runs,
    earlierOfSameKind: async () => 0,
    ...rest,
  };
}
