// Bahasa Indonesia: the default locale. Every client- and staff-facing text lives here (en.ts mirrors it).
export const id = {
  outcome: {
    done: "Selesai",
    approve: "Setujui",
    revise: "Minta revisi",
  } as Record<string, string>,
  stepTask: (p: { caseNo: number; flowTitle: string; stepNo: string; activity: string; inputs: string[]; standard: string; deadline: string }) =>
    [
      `Kasus #${p.caseNo} — ${p.flowTitle}`,
      `Langkah ${p.stepNo}: ${p.activity}`,
      p.inputs.length ? `Kelengkapan: ${p.inputs.join("; ")}` : "",
      `Waktu baku: ${p.standard} · batas waktu: ${p.deadline}`,
    ].filter(Boolean).join("\n"),
  clientStepStarted: (p: { caseNo: number; activity: string; standard: string; deadline: string }) =>
    `Kasus #${p.caseNo}: sedang diproses — ${p.activity} (waktu baku ${p.standard}, paling lambat ${p.deadline}).`,
  clientArchived: (p: { caseNo: number }) => `Kasus #${p.caseNo} telah selesai dan diarsipkan. Terima kasih.`,
  clientCancelled: (p: { caseNo: number }) => `Kasus #${p.caseNo} dibatalkan.`,
  escalation: (p: { caseNo: number; stepNo: string; activity: string; role: string; deadline: string }) =>
    `Peringatan: Kasus #${p.caseNo}, langkah ${p.stepNo} (${p.activity}) oleh ${p.role} melewati batas waktu ${p.deadline}. Mohon ditindaklanjuti.`,
  bookSession: (p: { caseNo: number }) =>
    `Kasus #${p.caseNo}: jadwalkan sesi konseling (Google Meet) pada jam kerja konselor.`,
};

export type Messages = typeof id;
