// What a sender is told about the pace of their own messages: kept and handled in order when they come faster
// than the service takes them, and refused only far beyond any person's pace. Bahasa Indonesia first; en mirrors
// it key for key.

const id = {
  /** Over the sender's pace: nothing is lost, the messages are handled in order a little later. */
  slowedDown:
    "Pesan Anda kami terima semuanya. Karena datang sangat cepat, pesan-pesan itu kami proses berurutan, sedikit demi sedikit; tidak ada yang hilang.",
  /** On a button pressed while the sender's earlier messages still wait their turn. */
  keptToast: "Diterima; segera diproses sesuai urutan.",
  /** Beyond the flood bound: what came before is kept, what comes now is not, until the queue shrinks. */
  floodCut: (p: { max: number }) =>
    `Lebih dari ${p.max} pesan Anda masih menunggu diproses. Pesan-pesan itu tetap tersimpan dan akan diproses, tetapi pesan baru tidak kami terima sampai antrean berkurang. Mohon tunggu sebentar sebelum mengirim lagi.`,
};

/** The shape every locale must fill. */
export type InboundTexts = typeof id;

const en: InboundTexts = {
  slowedDown: "We received all your messages. Because they came very fast, we handle them in order, a few at a time; none is lost.",
  keptToast: "Received; handled shortly, in order.",
  floodCut: (p) =>
    `More than ${p.max} of your messages are still waiting to be handled. They are kept and will be handled, but new messages are not accepted until the queue is shorter. Please wait a moment before sending more.`,
};

/** The texts for a locale; Bahasa Indonesia unless English was chosen. */
export function inboundTextsFor(locale: string | null | undefined): InboundTexts {
  return locale === "en" ? en : id;
}
