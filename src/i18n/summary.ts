// Texts of the morning summary (one message per staff member per working day listing the steps due today
// and overdue), Bahasa Indonesia first, English second. Kept apart from id.ts/en.ts like email.ts.
// Step activities come from flows/ and dates from formatLocal, as in every other message.

/** One listed step: what the lines of the summary say about it. */
export interface SummaryItem {
  caseNo: number;
  stepNo: string;
  activity: string;
  /** Already formatted in the organisation's zone (formatLocal). */
  deadline: string;
}

/** What a summary lists: overdue steps first, then steps due later today; `more` were left off the list. */
export interface SummaryContent {
  /** When the summary was made, formatted in the organisation's zone. */
  when: string;
  overdue: SummaryItem[];
  dueToday: SummaryItem[];
  more: number;
}

function render(
  t: {
    heading: (when: string) => string;
    overdue: string;
    dueToday: string;
    item: (i: SummaryItem) => string;
    more: (n: number) => string;
    everything: string;
  },
  p: SummaryContent,
): string {
  const parts = [t.heading(p.when)];
  if (p.overdue.length > 0) parts.push([`${t.overdue} (${p.overdue.length}):`, ...p.overdue.map(t.item)].join("\n"));
  if (p.dueToday.length > 0) parts.push([`${t.dueToday} (${p.dueToday.length}):`, ...p.dueToday.map(t.item)].join("\n"));
  const tail = p.more > 0 ? `${t.more(p.more)}\n${t.everything}` : t.everything;
  parts.push(tail);
  return parts.join("\n\n");
}

const idWords = {
  heading: (when: string) => `Ringkasan tugas Anda, ${when}`,
  overdue: "Lewat batas waktu",
  dueToday: "Jatuh tempo hari ini",
  item: (i: SummaryItem) => `• Kasus #${i.caseNo}, langkah ${i.stepNo} (${i.activity}); batas waktu ${i.deadline}`,
  more: (n: number) => `…dan ${n} langkah lainnya.`,
  everything: "Semua kasus yang menunggu Anda: /kasus",
};

const enWords: typeof idWords = {
  heading: (when) => `Your tasks, ${when}`,
  overdue: "Overdue",
  dueToday: "Due today",
  item: (i) => `• Case #${i.caseNo}, step ${i.stepNo} (${i.activity}); due ${i.deadline}`,
  more: (n) => `…and ${n} more ${n === 1 ? "step" : "steps"}.`,
  everything: "Everything waiting for you: /kasus",
};

const id = {
  /** Subject line for channels that have one (email). */
  subject: "Ringkasan tugas hari ini",
  summary: (p: SummaryContent): string => render(idWords, p),
};

/** The shape every locale of the summary texts has. */
export type SummaryTexts = typeof id;

const en: SummaryTexts = {
  subject: "Today's tasks",
  summary: (p) => render(enWords, p),
};

/** The morning summary's texts per locale (Bahasa Indonesia is the default). */
export function summaryTextsFor(locale: string | null | undefined): SummaryTexts {
  return locale === "en" ? en : id;
}
