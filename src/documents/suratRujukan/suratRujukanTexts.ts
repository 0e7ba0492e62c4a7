// The Form/Surat Rujukan's own words, in Bahasa Indonesia.

export const suratRujukanTexts = {
  /** The document's name as the SOP writes it (row 6: "klien diberikan form rujukan"). */
  name: "Form Rujukan",
  /** The heading printed on the first page, and the line under it. */
  heading: "FORM RUJUKAN",
  subheading: "Surat Rujukan Klien",
  date: "Tanggal",
  subject: "Perihal",
  subjectText: "Rujukan klien ke instansi lain",
  signedBy: "Dibuat oleh",
  identity: "A. Identitas Klien",
  reason: "B. Laporan dan Alasan Rujukan",
  approvals: "C. Jejak Persetujuan",
  approvalStep: (p: { stepNo: string; activity: string }) => `Langkah ${p.stepNo}: ${p.activity}`,
  approvalBy: "Oleh",
  approvalResult: "Hasil",
  approvalAt: "Waktu",
  approvalNote: "Catatan",
  noApprovals: "Belum ada persetujuan yang tercatat pada kasus ini.",
  /** The result of an approval step's outcome; an outcome not listed prints as the flow's button label. */
  results: { approve: "Disetujui", revise: "Dikembalikan untuk diperbaiki", refuse: "Ditolak", reject: "Ditolak" } as Record<string, string>,
  note: (role: string) => `D. Catatan ${role}`,
};
