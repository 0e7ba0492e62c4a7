// Texts of a hand-over between SOPs (Keterkaitan: a BK case handed over to SOP Terapi) and of the links it leaves
// between the two cases, Bahasa Indonesia first, English second: the chat replies, the lines of /kasus, and the
// dashboard's words. The button text itself comes from the flow file (hands_over_to.label), flow titles from flows/.

const id = {
  /** To whoever pressed: the new case is open. */
  handedOver: (p: { caseNo: number; newCaseNo: number; flowTitle: string; documents: number }) =>
    `Kasus #${p.newCaseNo} dibuka pada SOP ${p.flowTitle} untuk klien Kasus #${p.caseNo}, tanpa pendaftaran ulang. ` +
    `${p.documents > 0 ? `${p.documents} dokumen Kasus #${p.caseNo} ikut dikirim kepada konselornya. ` : ""}` +
    `Kasus #${p.caseNo} tetap berjalan sampai diarsipkan.`,
  /** A second press (or another person's): the hand-over happened already. */
  already: (p: { caseNo: number; newCaseNo: number; flowTitle: string }) => `Kasus #${p.caseNo} sudah diserahkan ke SOP ${p.flowTitle}: Kasus #${p.newCaseNo}.`,
  notAllowed: "Hanya konselor kasus ini atau Kepala Unit yang dapat menyerahkan kasus ke SOP lain.",
  notOffered: "Langkah ini tidak menyerahkan kasus ke SOP tersebut. Gunakan tombol serah terima pada tugas yang menawarkannya.",
  /** To the new case's counsellor, with the first case's documents attached. */
  carried: (p: { caseNo: number; fromCaseNo: number; flowTitle: string; fromFlowTitle: string; by: string; documents: number }) =>
    `Kasus #${p.caseNo} — ${p.flowTitle}: lanjutan Kasus #${p.fromCaseNo} (${p.fromFlowTitle}), diserahkan oleh ${p.by}. ` +
    (p.documents > 0 ? `Dokumen Kasus #${p.fromCaseNo} terlampir (${p.documents}).` : `Kasus #${p.fromCaseNo} belum punya dokumen.`),
  /** /kasus: a line under a case that continues another, or that was handed over. */
  continues: (p: { caseNo: number; flowTitle: string }) => `   ↳ lanjutan Kasus #${p.caseNo} (${p.flowTitle})`,
  handedTo: (p: { caseNo: number; flowTitle: string; cancelled: boolean }) =>
    `   ↪ diserahkan ke Kasus #${p.caseNo} (${p.flowTitle})${p.cancelled ? " — dibatalkan" : ""}`,
  // The dashboard
  linksHeading: "Keterkaitan",
  continuesLabel: "Lanjutan dari",
  handedToLabel: "Diserahkan ke",
  sourceDocuments: (p: { caseNo: number }) => `Dokumen Kasus #${p.caseNo}`,
  recapHeading: "Serah terima ke SOP lain (Keterkaitan)",
  fromFlow: "Dari SOP",
  toFlow: "Ke SOP",
  handOvers: "Diserahkan",
  stillOpen: "Masih berjalan",
  noHandOvers: "Belum ada kasus yang diserahkan ke SOP lain.",
};

/** The shape every locale of these texts has. */
export type HandOverTexts = typeof id;

const en: HandOverTexts = {
  handedOver: (p) =>
    `Case #${p.newCaseNo} was opened on the ${p.flowTitle} SOP for the client of case #${p.caseNo}, without a second registration. ` +
    `${p.documents > 0 ? `${p.documents} documents of case #${p.caseNo} went with it to its counsellor. ` : ""}` +
    `Case #${p.caseNo} goes on until it is archived.`,
  already: (p) => `Case #${p.caseNo} was handed over to the ${p.flowTitle} SOP already: case #${p.newCaseNo}.`,
  notAllowed: "Only this case's counsellor or the head of the unit can hand a case over to another SOP.",
  notOffered: "This step does not hand the case over to that SOP. Use the hand-over button on the task that offers it.",
  carried: (p) =>
    `Case #${p.caseNo} — ${p.flowTitle}: continues case #${p.fromCaseNo} (${p.fromFlowTitle}), handed over by ${p.by}. ` +
    (p.documents > 0 ? `The documents of case #${p.fromCaseNo} are attached (${p.documents}).` : `Case #${p.fromCaseNo} has no documents yet.`),
  continues: (p) => `   ↳ continues case #${p.caseNo} (${p.flowTitle})`,
  handedTo: (p) => `   ↪ handed over to case #${p.caseNo} (${p.flowTitle})${p.cancelled ? " — cancelled" : ""}`,
  linksHeading: "Linked cases",
  continuesLabel: "Continues",
  handedToLabel: "Handed over to",
  sourceDocuments: (p) => `Documents of case #${p.caseNo}`,
  recapHeading: "Hand-overs to other SOPs",
  fromFlow: "From SOP",
  toFlow: "To SOP",
  handOvers: "Handed over",
  stillOpen: "Still open",
  noHandOvers: "No case has been handed over to another SOP yet.",
};

/** The hand-over texts per locale (Bahasa Indonesia is the default). */
export function handOverTextsFor(locale: string | null | undefined): HandOverTexts {
  return locale === "en" ? en : id;
}
