// The Disposisi's own words, in Bahasa Indonesia.

export const disposisiTexts = {
  /** The document's name as the SOP's Output column writes it. */
  name: "Disposisi",
  /** The heading printed on the first page. */
  heading: "LEMBAR DISPOSISI",
  subject: "Perihal",
  givenBy: "Pemberi disposisi",
  givenAt: "Tanggal dan waktu",
  forwardTo: "Diteruskan kepada",
  directive: "Isi Disposisi",
};
