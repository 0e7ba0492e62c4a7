// Texts about Kualifikasi Pelaksana (the qualifications a step may require), Bahasa Indonesia first, English
// second: the refusal a staff member gets for a step they are not qualified for, and the dashboard's words.
// Qualification labels come from flows/organisations.yaml, as role labels do.

const id = {
  /** A step's button pressed by someone holding its role but none of the qualifications it requires. */
  notQualified: (p: { caseNo: number; stepNo: string; required: string[] }) =>
    `Kasus #${p.caseNo}, langkah ${p.stepNo} hanya dapat dicatat oleh pemegang kualifikasi ${orList(p.required, "atau")}. ` +
    "Kualifikasi Anda belum tercatat demikian, jadi langkah ini tidak dicatat. Bila Anda memilikinya, minta admin mencatatnya.",
  /** Dashboard: the section listing the organisation's staff with their roles and qualifications. */
  staffHeading: "Staf, peran, dan kualifikasi",
  name: "Nama",
  roles: "Peran",
  qualifications: "Kualifikasi",
  none: "belum tercatat",
  noStaff: "Belum ada staf.",
  /** Dashboard home: the viewer's own qualifications. */
  yours: (p: { list: string }) => `Kualifikasi Anda: ${p.list}`,
};

/** The shape every locale of these texts has. */
export type QualificationTexts = typeof id;

const en: QualificationTexts = {
  notQualified: (p) =>
    `Case #${p.caseNo}, step ${p.stepNo} can only be recorded by someone qualified as ${orList(p.required, "or")}. ` +
    "Your qualifications are not recorded as such, so the step was not recorded. If you hold one, ask the administrator to record it.",
  staffHeading: "Staff, roles and qualifications",
  name: "Name",
  roles: "Roles",
  qualifications: "Qualifications",
  none: "none recorded",
  noStaff: "No staff yet.",
  yours: (p) => `Your qualifications: ${p.list}`,
};

/** "A", "A atau B", "A, B atau C". */
function orList(items: readonly string[], or: string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${or} ${items[items.length - 1]}`;
}

/** The qualification texts per locale (Bahasa Indonesia is the default). */
export function qualificationTextsFor(locale: string | null | undefined): QualificationTexts {
  return locale === "en" ? en : id;
}
