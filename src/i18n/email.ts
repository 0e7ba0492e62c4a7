// Texts of the email channel (reply instructions, size limits), Bahasa Indonesia first, English second.
// Kept apart from id.ts/en.ts so the channel's wording can change without touching the shared files.

const id = {
  /** Heading over the keyword list that stands in for buttons. */
  replyWithKeyword: "Balas email ini dengan menulis salah satu kata kunci berikut di baris pertama:",
  /** Heading over numbered choices. */
  replyWithChoice: "Balas email ini dengan menulis nomor atau teks salah satu pilihan berikut di baris pertama:",
  /** Placeholder after "REVISI:" */
  reasonPlaceholder: "<alasan>",
  /** Placeholder after an optional note, e.g. "SELESAI: <catatan>". */
  notePlaceholder: "<catatan, boleh dikosongkan>",
  links: "Tautan:",
  inviteFileName: "undangan.ics",
  defaultSubject: "Pintu Konseling",
  attachmentsTooLarge: (p: { names: string[]; maxMb: number }) =>
    `Lampiran berikut terlalu besar sehingga tidak kami terima (paling besar ${p.maxMb} MB per berkas): ${p.names.join(", ")}. ` +
    "Mohon kirim ulang dalam ukuran lebih kecil, atau bagikan lewat tautan.",
  attachmentsTooMany: (p: { dropped: number; max: number }) =>
    `Kami hanya menerima ${p.max} lampiran per email; ${p.dropped} lampiran lainnya tidak kami terima. Mohon kirim sisanya di email terpisah.`,
  messageTooLarge: (p: { maxMb: number }) =>
    `Email Anda terlalu besar untuk kami baca (paling besar ${p.maxMb} MB). Mohon kirim ulang tanpa lampiran besar, atau bagikan berkasnya lewat tautan.`,
  textTruncated: "Pesan Anda sangat panjang; hanya bagian awalnya yang kami terima.",
  unknownKeyword: (p: { keywords: string[] }) =>
    `Maaf, balasan Anda tidak kami kenali. Tulis salah satu kata kunci ini di baris pertama: ${p.keywords.join(", ")}.`,
};

/** The shape every locale of the email texts has. */
export type EmailTexts = typeof id;

const en: EmailTexts = {
  replyWithKeyword: "Reply to this email with one of these keywords on the first line:",
  replyWithChoice: "Reply to this email with the number or the text of one of these options on the first line:",
  reasonPlaceholder: "<reason>",
  notePlaceholder: "<note, optional>",
  links: "Links:",
  inviteFileName: "invite.ics",
  defaultSubject: "Pintu Konseling",
  attachmentsTooLarge: (p) =>
    `These attachments are too large and were not received (at most ${p.maxMb} MB per file): ${p.names.join(", ")}. ` +
    "Please send them again smaller, or share them through a link.",
  attachmentsTooMany: (p) =>
    `We accept ${p.max} attachments per email; ${p.dropped} more were not received. Please send the rest in a separate email.`,
  messageTooLarge: (p) =>
    `Your email is too large for us to read (at most ${p.maxMb} MB). Please send it again without large attachments, or share the files through a link.`,
  textTruncated: "Your message is very long; only its beginning was received.",
  unknownKeyword: (p) => `Sorry, we did not recognise your reply. Write one of these keywords on the first line: ${p.keywords.join(", ")}.`,
};

/** The email channel's texts per locale (Bahasa Indonesia is the default). */
export const emailTexts = { id, en };

/** The texts for a locale; Bahasa Indonesia unless it is "en". */
export function emailTextsFor(locale: string | null | undefined): EmailTexts {
  return locale === "en" ? en : id;
}
