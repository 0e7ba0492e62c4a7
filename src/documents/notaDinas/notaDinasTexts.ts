// The Nota Dinas's own words, in Bahasa Indonesia.

export const notaDinasTexts = {
  /** The document's name as the SOP's Output column writes it. */
  name: "Nota Dinas",
  /** The heading printed on the first page. */
  heading: "NOTA DINAS",
  number: (n: string) => `Nomor: ${n}`,
  to: "Kepada",
  from: "Dari",
  date: "Tanggal",
  classification: "Sifat",
  defaultClassification: "Rahasia",
  attachments: "Lampiran",
  subject: "Perihal",
  signatoryNote: "Catatan",
  copies: "Tembusan",
};
