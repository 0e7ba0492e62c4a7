// Texts for a client's rights over their personal data (UU 27/2022): a copy of what is kept (/datasaya), the clock
// on a withdrawal of consent (acted on within 3×24 hours), the data protection contact named in the consent, and
// what staff see when an erasure closes a case. Bahasa Indonesia first, English second.

const id = {
  /** Added to the consent text: who to ask about one's data. */
  contactLine: (p: { contact: string }) => `• Pertanyaan atau keberatan tentang data pribadi Anda: ${p.contact}. Kirim /datasaya untuk salinan data Anda.`,
  /** /datasaya from someone we hold nothing about. */
  copyNothing: "Kami tidak menyimpan data pribadi apa pun tentang akun ini.",
  /** /datasaya: the message that carries the PDF. */
  copyCaption: "Salinan data pribadi Anda yang tersimpan di layanan ini (PDF terlampir). Simpan baik-baik: isinya rahasia.",
  /** To whoever confirms an erasure: the request with its clock. */
  erasureToLeader: (p: { caseNo?: number; ref: string; deadline: string }) =>
    `Permintaan penghapusan data dari klien (${p.caseNo ? `Kasus #${p.caseNo}` : p.ref}). Mohon konfirmasi sesuai prosedur.\n` +
    `Batas waktu: ${p.deadline} (3×24 jam sejak klien menarik persetujuannya, UU 27/2022). ` +
    "Konfirmasi menghapus data pribadinya dan membatalkan kasus yang masih berjalan.",
  /** Before the clock runs out: to the confirmers again, and to whom they answer to. */
  erasureEscalated: (p: { caseNo?: number; ref: string; deadline: string; left: string }) =>
    `PERINGATAN: permintaan penghapusan data klien${p.caseNo ? ` Kasus #${p.caseNo}` : ""} (ref ${p.ref}) belum dikonfirmasi. ` +
    `Batas waktunya ${p.deadline} (tinggal ${p.left}). Konfirmasi sekarang.`,
  /** A staff task whose case was cancelled by an erasure. */
  taskRetired: (p: { caseNo: number }) =>
    `Kasus #${p.caseNo} dibatalkan: klien menarik persetujuannya dan datanya telah dihapus. Tugas ini tidak berlaku lagi.`,
  hours: (n: number) => `${n} jam`,
  /** Named when DATA_PROTECTION_CONTACT is not set. */
  defaultContact: "pimpinan unit layanan ini (Kepala Unit), melalui petugas unit",
};

/** The shape every locale of these texts has. */
export type DataRightsTexts = typeof id;

const en: DataRightsTexts = {
  contactLine: (p) => `• Questions or objections about your personal data: ${p.contact}. Send /datasaya for a copy of your data.`,
  copyNothing: "We keep no personal data about this account.",
  copyCaption: "A copy of the personal data this service keeps about you (PDF attached). Keep it safe: it is confidential.",
  erasureToLeader: (p) =>
    `Erasure request from a client (${p.caseNo ? `Case #${p.caseNo}` : p.ref}). Please confirm as the procedure says.\n` +
    `Due: ${p.deadline} (3×24 hours after the client withdrew their consent, UU 27/2022). ` +
    "Confirming erases their personal data and cancels their open cases.",
  erasureEscalated: (p) =>
    `WARNING: the erasure request of the client${p.caseNo ? ` of Case #${p.caseNo}` : ""} (ref ${p.ref}) is not confirmed yet. ` +
    `It is due ${p.deadline} (${p.left} left). Confirm it now.`,
  taskRetired: (p) => `Case #${p.caseNo} was cancelled: the client withdrew their consent and their data was erased. This task no longer applies.`,
  hours: (n) => `${n} hours`,
  defaultContact: "the head of this service unit, through the unit's staff",
};

/** The data-rights texts per locale (Bahasa Indonesia is the default). */
export function dataRightsTextsFor(locale: string | null | undefined): DataRightsTexts {
  return locale === "en" ? en : id;
}
