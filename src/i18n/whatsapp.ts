// Texts the WhatsApp channel adds around what the dialogs say (numbered choices, links).
// Bahasa Indonesia first; en mirrors it key for key.

const id = {
  /** Under a numbered list of choices: WhatsApp has no reliable buttons for an unofficial client. */
  choiceHint: "Balas dengan angka atau kata pilihan Anda.",
  /** One link, written out as text (WhatsApp makes it clickable). */
  linkLine: (p: { label: string; url: string }) => (p.label.trim() ? `${p.label}: ${p.url}` : p.url),
};

/** The shape every locale must fill. */
export type WhatsAppTexts = typeof id;

const en: WhatsAppTexts = {
  choiceHint: "Reply with the number or the word of your choice.",
  linkLine: (p) => (p.label.trim() ? `${p.label}: ${p.url}` : p.url),
};

/** The WhatsApp channel's texts per locale. */
export const whatsappTexts = { id, en };

/** The texts for a locale; Bahasa Indonesia unless English was chosen. */
export function whatsappTextsFor(locale: string | null | undefined): WhatsAppTexts {
  return locale === "en" ? en : id;
}
