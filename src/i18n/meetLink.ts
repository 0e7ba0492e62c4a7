// Texts about a session's Google Meet link that Google makes after the booking (its conference "pending"),
// Bahasa Indonesia first, English second: the booking while the link is still being made, the link once it is
// there, and what the counsellor is told when Google gave up on it.

const id = {
  /** The booking, to both sides, while Google is still making the link. */
  bookedLinkPending: (p: { caseNo: number; when: string }) =>
    `Sesi konseling Kasus #${p.caseNo}: ${p.when}.\nTautan Google Meet sedang dibuat oleh Google dan akan dikirim di sini begitu siap.`,
  /** The link, to both sides, once Google made it. */
  linkReady: (p: { caseNo: number; when: string; link: string; code: string | null }) =>
    `Tautan Google Meet untuk sesi Kasus #${p.caseNo} (${p.when}) sudah siap:\nGoogle Meet: ${p.link}` + (p.code ? `\nKode rapat: ${p.code}` : ""),
  /** To the counsellor: Google did not make the link (failure, or still nothing after a long wait). */
  linkFailedCounsellor: (p: { caseNo: number; when: string }) =>
    `Google tidak berhasil membuat tautan Google Meet untuk sesi Kasus #${p.caseNo} (${p.when}); admin sudah diberi tahu. ` +
    `Buat rapat Google Meet pada jam itu, lalu kirim tautannya dengan /link ${p.caseNo} <url>; tautan itu diteruskan ke klien.`,
  /** Why a booking failed, when Google refused the request itself (the admin gets the details). */
  refused: "Google Calendar menolak permintaan pemesanan; admin sudah diberi tahu alasannya",
};

/** The shape every locale of these texts has. */
export type MeetLinkTexts = typeof id;

const en: MeetLinkTexts = {
  bookedLinkPending: (p) =>
    `Counselling session for case #${p.caseNo}: ${p.when}.\nGoogle is still making the Google Meet link; it is sent here as soon as it is ready.`,
  linkReady: (p) =>
    `The Google Meet link for the session of case #${p.caseNo} (${p.when}) is ready:\nGoogle Meet: ${p.link}` + (p.code ? `\nMeeting code: ${p.code}` : ""),
  linkFailedCounsellor: (p) =>
    `Google could not make the Google Meet link for the session of case #${p.caseNo} (${p.when}); the administrator has been told. ` +
    `Create a Google Meet at that time, then send its link with /link ${p.caseNo} <url>; it is passed on to the client.`,
  refused: "Google Calendar refused the booking request; the administrator has been told why",
};

/** The texts for a locale; Bahasa Indonesia unless English was chosen. */
export function meetLinkTextsFor(locale: string | null | undefined): MeetLinkTexts {
  return locale === "en" ? en : id;
}
