// Texts for a change of staff on a case (a counsellor who left, or gave up the counsellor's role), Bahasa
// Indonesia first, English second. The client is told their counsellor changed without a name: they knew the
// old one's name at most, and the new one introduces themselves when they write.

const id = {
  /** To the client: their case has another counsellor now. */
  clientCounsellorChanged: (p: { caseNo: number }) =>
    `Konselor yang menangani Kasus #${p.caseNo} telah berganti. Konselor pengganti sudah menerima kasus Anda dan akan melanjutkannya; ` +
    "pesan Anda tetap diteruskan seperti biasa.",
  /** To the client: their counsellor left and nobody could take the case yet. */
  clientCounsellorPending: (p: { caseNo: number }) =>
    `Konselor yang menangani Kasus #${p.caseNo} tidak lagi bertugas. Unit layanan segera menunjuk konselor pengganti; ` +
    "pesan Anda tetap tersimpan dan dibaca petugas.",
  /** To the new counsellor: the case card of a case handed to them. */
  handedOver: (p: { caseNo: number; flowTitle: string; lines: string[]; keluhan: string }) =>
    `Kasus #${p.caseNo} dialihkan kepada Anda — ${p.flowTitle}\n(Konselor sebelumnya tidak lagi menangani kasus ini.)\n\n${p.lines.join("\n")}\n\n` +
    `Keluhan:\n${p.keluhan}\n\nBalas (reply) pesan ini untuk menjawab klien, atau kirim /balas ${p.caseNo} <pesan>.`,
};

/** The shape every locale of these texts has. */
export type StaffChangeTexts = typeof id;

const en: StaffChangeTexts = {
  clientCounsellorChanged: (p) =>
    `The counsellor handling Case #${p.caseNo} has changed. Your new counsellor has your case and will carry it on; ` +
    "your messages still reach them as before.",
  clientCounsellorPending: (p) =>
    `The counsellor handling Case #${p.caseNo} is no longer on duty. The unit will name a new counsellor shortly; ` +
    "your messages are kept and read by the unit's staff.",
  handedOver: (p) =>
    `Case #${p.caseNo} has been handed to you — ${p.flowTitle}\n(The previous counsellor no longer handles this case.)\n\n${p.lines.join("\n")}\n\n` +
    `Complaint:\n${p.keluhan}\n\nReply to this message to answer the client, or send /balas ${p.caseNo} <message>.`,
};

/** The staff-change texts per locale (Bahasa Indonesia is the default). */
export function staffChangeTextsFor(locale: string | null | undefined): StaffChangeTexts {
  return locale === "en" ? en : id;
}
