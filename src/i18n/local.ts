// Texts of the local demo page (the browser chat simulator), Bahasa Indonesia first, English second.
// What the bots say comes from id.ts/en.ts as on every channel; these are only the page's own labels.

const id = {
  lang: "id",
  title: "Pintu Konseling — mode lokal (demo)",
  heading: "Pintu Konseling · mode lokal",
  /** The banner every visitor sees first: what this page is and is not. */
  demoNotice:
    "Ini demo lokal. Staf di halaman ini adalah data contoh (DEMO), dan tidak ada pesan yang keluar dari komputer ini: " +
    "tidak ada Telegram, WhatsApp, maupun email. Setiap panel adalah chat satu orang dengan bot; percakapannya memakai alur SOP yang sama.",
  switchLanguage: "English",
  switchLanguageHref: "?lang=en",
  noScript: "Halaman ini memerlukan JavaScript untuk menampilkan pesan.",
  tabsLabel: "Organisasi",
  newClient: (p: { kind: string }) => `${p.kind} baru`,
  clientTitle: (p: { kind: string; n: number }) => `${p.kind} ${p.n}`,
  clientRole: "Klien — chat dengan bot",
  clientKinds: { praja: "Praja", pegawai: "Pegawai", klien: "Klien" } as Record<string, string>,
  demoBadge: "DEMO",
  emptyClient: "Ketik /start atau tekan Mulai untuk mendaftar konseling.",
  emptyStaff: "Tugas SOP untuk peran ini akan muncul di sini.",
  start: "Mulai",
  placeholder: "Tulis pesan…",
  send: "Kirim",
  reply: "Balas",
  replyingTo: "Membalas:",
  cancelReply: "Batal",
  attach: "Lampirkan berkas",
  attachShort: "Berkas",
  attached: "Lampiran:",
  pressed: "Anda menekan:",
  edited: "(diubah)",
  you: "Anda",
  bot: "Bot",
  connected: "Tersambung",
  reconnecting: "Koneksi terputus, menyambung ulang…",
  sendFailed: "Pesan belum terkirim. Periksa bahwa layanan masih berjalan, lalu coba lagi.",
  fileTooLarge: (p: { maxKb: number }) => `Berkas terlalu besar untuk demo ini (paling besar ${p.maxKb} KB).`,
  badRequest: "Pesan tidak dapat dibaca. Muat ulang halaman lalu coba lagi.",
  unknownPane: "Panel ini tidak dikenal. Muat ulang halaman.",
  /** The last start-up line in the terminal: where to open the page. */
  startupLine: (p: { url: string }) => `Mode lokal siap: buka ${p.url} di peramban untuk mencoba chat (tidak ada pesan yang keluar dari komputer ini)`,
  /** The page opened without its token (or with another process's): where to find the address. */
  tokenNeededTitle: "Alamat lengkap diperlukan",
  tokenNeeded:
    "Halaman mode lokal hanya terbuka dari alamat lengkap yang dicetak saat layanan dimulai (dengan ?token=…). " +
    "Salin alamat itu dari terminal; setelah layanan dimulai ulang, alamatnya berganti.",
};

/** The shape every locale of the local page's texts has. */
export type LocalTexts = typeof id;

const en: LocalTexts = {
  lang: "en",
  title: "Pintu Konseling — local mode (demo)",
  heading: "Pintu Konseling · local mode",
  demoNotice:
    "This is a local demo. The staff on this page are sample data (DEMO), and no message leaves this computer: " +
    "no Telegram, WhatsApp or email. Each pane is one person's chat with the bot; the conversations run on the same SOP flows.",
  switchLanguage: "Bahasa Indonesia",
  switchLanguageHref: "?lang=id",
  noScript: "This page needs JavaScript to show messages.",
  tabsLabel: "Organisations",
  newClient: (p) => `New ${p.kind.toLowerCase()}`,
  clientTitle: (p) => `${p.kind} ${p.n}`,
  clientRole: "Client — chatting with the bot",
  clientKinds: { praja: "Cadet", pegawai: "Employee", klien: "Client" },
  demoBadge: "DEMO",
  emptyClient: "Type /start or press Start to register for counselling.",
  emptyStaff: "SOP tasks for this role will appear here.",
  start: "Start",
  placeholder: "Write a message…",
  send: "Send",
  reply: "Reply",
  replyingTo: "Replying to:",
  cancelReply: "Cancel",
  attach: "Attach a file",
  attachShort: "File",
  attached: "Attachment:",
  pressed: "You pressed:",
  edited: "(edited)",
  you: "You",
  bot: "Bot",
  connected: "Connected",
  reconnecting: "Connection lost, reconnecting…",
  sendFailed: "The message was not sent. Check that the service is still running, then try again.",
  fileTooLarge: (p) => `The file is too large for this demo (at most ${p.maxKb} KB).`,
  badRequest: "The message could not be read. Reload the page and try again.",
  unknownPane: "This pane is unknown. Reload the page.",
  startupLine: (p) => `Local mode ready: open ${p.url} in a browser to try the chat (no message leaves this computer)`,
  tokenNeededTitle: "The full address is needed",
  tokenNeeded:
    "The local mode page opens only from the full address printed when the service started (with ?token=…). " +
    "Copy it from the terminal; after a restart the address changes.",
};

/** The local page's texts per locale. */
export const localTexts = { id, en };

/** The texts for a locale; Bahasa Indonesia unless English was chosen. */
export function localTextsFor(locale: string | null | undefined): LocalTexts {
  return locale === "en" ? en : id;
}
