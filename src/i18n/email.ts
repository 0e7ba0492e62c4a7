// Texts of the email channel (reply instructions, size limits, refusals of unauthenticated mail, the erasure
// confirmation), Bahasa Indonesia first, English second.
// Kept apart from id.ts/en.ts so the channel's wording can change without touching the shared files.

import type { MailRefusal } from "../channels/email/mailGate.ts";

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
  /** Mail the receiving server did not authenticate, refused (mailGate.ts); sent to the From address, i.e. its real owner. */
  refused: {
    staff:
      "Email ini tidak kami jalankan: server email kami tidak dapat memastikan bahwa email ini benar dikirim dari alamat Anda " +
      "(tidak ada tanda DKIM/DMARC yang sah). Tindakan staf lewat email hanya diterima dari email yang terautentikasi. " +
      "Bila Anda tidak mengirim email ini, abaikan pesan ini. Bila Anda mengirimnya, minta pengelola email instansi Anda mengaktifkan DKIM/DMARC, atau gunakan Telegram.",
    link_code:
      "Kode ini tidak kami pakai: server email kami tidak dapat memastikan bahwa email ini benar dikirim dari alamat Anda " +
      "(tidak ada tanda DKIM/DMARC yang sah), sehingga alamat ini tidak kami hubungkan. Bila Anda tidak mengirim email ini, abaikan pesan ini. " +
      "Bila Anda mengirimnya, gunakan kode itu di Telegram, atau minta pengelola email instansi Anda mengaktifkan DKIM/DMARC.",
    erasure:
      "Permintaan HAPUS ini tidak kami jalankan: server email kami tidak dapat memastikan bahwa email ini benar dikirim dari alamat Anda " +
      "(tidak ada tanda DKIM/DMARC yang sah). Bila Anda tidak mengirim email ini, abaikan pesan ini; data Anda tetap tersimpan. " +
      "Bila Anda ingin menarik persetujuan dan menghapus data, kirim /hapus lewat Telegram atau WhatsApp, atau hubungi unit layanan secara langsung.",
  } satisfies Record<MailRefusal, string>,
  erasureConfirmSubject: "Konfirmasi penghapusan data",
  erasureConfirm: (p: { code: string; hours: number }) =>
    "Kami menerima permintaan untuk menarik persetujuan Anda dan menghapus data Anda dari layanan konseling ini.\n\n" +
    `Untuk mengonfirmasi, balas email ini dengan menulis HAPUS di baris pertama (kode: ${p.code}; berlaku ${p.hours} jam). ` +
    "Setelah itu permintaan diteruskan kepada pimpinan unit untuk dikonfirmasi.\n\n" +
    "Bila Anda tidak meminta penghapusan, abaikan email ini: tidak ada yang berubah.",
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
  attachmentsTooMany: (p) => `We accept ${p.max} attachments per email; ${p.dropped} more were not received. Please send the rest in a separate email.`,
  messageTooLarge: (p) =>
    `Your email is too large for us to read (at most ${p.maxMb} MB). Please send it again without large attachments, or share the files through a link.`,
  textTruncated: "Your message is very long; only its beginning was received.",
  unknownKeyword: (p) => `Sorry, we did not recognise your reply. Write one of these keywords on the first line: ${p.keywords.join(", ")}.`,
  refused: {
    staff:
      "We did not act on this email: our mail server cannot confirm that it really came from your address (no valid DKIM/DMARC). " +
      "Staff actions by email are accepted only from authenticated mail. If you did not send it, ignore this message. " +
      "If you did, ask your institution's mail administrator to turn on DKIM/DMARC, or use Telegram.",
    link_code:
      "We did not use this code: our mail server cannot confirm that this email really came from your address (no valid DKIM/DMARC), " +
      "so this address was not linked. If you did not send it, ignore this message. If you did, use the code on Telegram, or ask your " +
      "institution's mail administrator to turn on DKIM/DMARC.",
    erasure:
      "We did not act on this HAPUS request: our mail server cannot confirm that this email really came from your address (no valid DKIM/DMARC). " +
      "If you did not send it, ignore this message; your data stays. If you want to withdraw consent and erase your data, send /hapus on " +
      "Telegram or WhatsApp, or contact the unit directly.",
  },
  erasureConfirmSubject: "Confirm the erasure of your data",
  erasureConfirm: (p) =>
    "We received a request to withdraw your consent and erase your data from this counselling service.\n\n" +
    `To confirm, reply to this email with HAPUS on the first line (code: ${p.code}; valid for ${p.hours} hours). ` +
    "The request then goes to the head of the unit to confirm.\n\n" +
    "If you did not ask for this, ignore this email: nothing changes.",
};

/** The email channel's texts per locale (Bahasa Indonesia is the default). */
export const emailTexts = { id, en };

/** The texts for a locale; Bahasa Indonesia unless it is "en". */
export function emailTextsFor(locale: string | null | undefined): EmailTexts {
  return locale === "en" ? en : id;
}
